/** Placeholder entry point; the CLI is built out in src/cli. */
process.stdout.write('heroku-compliance: not implemented yet\n');
