// Runs before `npm test`: the report test opens report.html in a real headless Chromium (Debian's
// `chromium` package, driven by playwright-core, which never downloads a browser of its own).
// When it is missing, install it with apt-get if this user may (root, or sudo without a
// password); otherwise stop at once with the command to run, instead of failing minutes later.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const path = process.env.PAYBENCH_CHROMIUM ?? '/usr/bin/chromium';
if (existsSync(path)) process.exit(0);

if (process.env.PAYBENCH_CHROMIUM) {
  console.error(
    `PAYBENCH_CHROMIUM=${path}: no such file. Point it at a Chromium executable, or unset it to use Debian's /usr/bin/chromium.`,
  );
  process.exit(1);
}

const hasAptGet = spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status === 0;
const isRoot = process.getuid?.() === 0;
const canSudo = !isRoot && spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0;
if (!hasAptGet || (!isRoot && !canSudo)) {
  console.error(
    `The test suite needs Chromium at ${path} (the report test opens report.html in it), and it is not there.\n` +
      `Install Debian's package:  sudo apt-get update && sudo apt-get install -y chromium\n` +
      `or set PAYBENCH_CHROMIUM to any Chromium executable.`,
  );
  process.exit(1);
}

const run = (args) => {
  const [command, ...rest] = isRoot ? args : ['sudo', '-n', ...args];
  execFileSync(command, rest, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
};
console.log(`Chromium is missing at ${path}: installing Debian's chromium package for the report test (apt-get).`);
try {
  run(['apt-get', 'update']);
  run(['apt-get', 'install', '-y', 'chromium']);
} catch (error) {
  console.error(
    `Could not install chromium with apt-get (${error.message}). Install it by hand: sudo apt-get install -y chromium`,
  );
  process.exit(1);
}
if (!existsSync(path)) {
  console.error(
    `apt-get installed chromium, but ${path} still does not exist. Set PAYBENCH_CHROMIUM to its executable.`,
  );
  process.exit(1);
}
