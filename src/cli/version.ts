/** The tool's version and home page, from package.json (bundled by esbuild, resolved by tsc). */
import { homepage, version } from '../../package.json';

export const TOOL_VERSION: string = version;
/** The repository home page without its `#readme` fragment. */
export const TOOL_URL: string = homepage.replace(/#.*$/, '');
