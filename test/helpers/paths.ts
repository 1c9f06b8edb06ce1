import * as path from 'node:path';

/** The repository root, from the compiled location (out or out-NAME)/test/helpers. */
export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
export const FIXTURES_DIR = path.join(REPO_ROOT, 'test', 'fixtures');
export const EXAMPLES_DIR = path.join(REPO_ROOT, 'examples');
export const CLI_PATH = process.env.HC_CLI_PATH ?? path.join(REPO_ROOT, 'dist', 'cli.js');
export const UPDATE_GOLDEN = process.env.UPDATE_GOLDEN === '1';
