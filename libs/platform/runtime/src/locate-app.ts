import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/** The built entry point of an app (`apps/<app>/dist/main.js`), found through the workspace. */
export function locateApp(app: string): string {
  let packageJson: string;
  try {
    packageJson = require.resolve(`@paybench/${app}/package.json`);
  } catch {
    throw new Error(`unknown app "${app}": no workspace package @paybench/${app}`);
  }
  const main = join(dirname(packageJson), 'dist', 'main.js');
  if (!existsSync(main)) throw new Error(`app "${app}" is not built (${main} is missing): run \`npm run build\` first`);
  return main;
}
