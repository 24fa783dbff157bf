// Composition root of the log driver a Pod runs its app under (paybench deploy k8s): what the local supervisor does
// for one process, inside a container. It ends with the app's exit code.
import { runPodLogDriver } from '@paybench/platform-runtime';

process.exitCode = await runPodLogDriver();
