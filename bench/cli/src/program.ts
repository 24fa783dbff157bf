import { Command } from 'commander';
import { registerBaseline } from './commands/baseline.js';
import { registerCalibrate } from './commands/calibrate.js';
import { registerCheck } from './commands/check.js';
import { registerCompare } from './commands/compare.js';
import { registerDeploy } from './commands/deploy.js';
import { registerList } from './commands/list.js';
import { registerProfile } from './commands/profile.js';
import { registerReport } from './commands/report.js';
import { registerRun } from './commands/run.js';
import { registerUp } from './commands/up.js';
import { registerValidate } from './commands/validate.js';
import { registerWorker } from './commands/worker.js';
import { EXIT } from './exit-codes.js';

export function buildProgram(): Command {
  const program = new Command('paybench')
    .description('Measure a modular monolith against microservices on one realistic payment flow.')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride((error) => {
      // Usage errors exit 2; --help and --version exit 0.
      if (error.exitCode === 0 || error.code === 'commander.helpDisplayed' || error.code === 'commander.version')
        throw error;
      throw Object.assign(error, { exitCode: EXIT.usage });
    })
    .addHelpText(
      'after',
      `
Exit codes: ${EXIT.ok} ok, ${EXIT.failed} failed or invalid, ${EXIT.usage} usage error.

Examples:
  npm run bench                             run the default scenario (the incident replay)
  npm run paybench -- list                  the built-in scenarios
  npm start -- --topology microservices    start a deployment for manual use (paybench up)
  npm run paybench -- compare <a> <b>       two runs figure by figure, with their noise
  npm run paybench -- baseline <run-dir>    a baseline for check (results/baselines/<scenario>.json)
  npm run paybench -- check -b <baseline>   the CI gate, on the newest run of the baseline's scenario
  npm run paybench -- profile --module risk      where the CPU goes: risk's process in each topology, side by side
  npm run paybench -- calibrate             how fast the load generator goes on this machine (about 1-2 min)
  npm run paybench -- deploy k8s -t microservices --out k8s/   the Kubernetes manifests of a topology
  npm run paybench -- worker --listen 0.0.0.0:7100   a load generator worker for \`run --workers\` on other hosts`,
    );
  registerRun(program);
  registerUp(program);
  registerList(program);
  registerValidate(program);
  registerReport(program);
  registerProfile(program);
  registerCompare(program);
  registerBaseline(program);
  registerCheck(program);
  registerCalibrate(program);
  registerDeploy(program);
  registerWorker(program);
  return program;
}
