import { TOPOLOGIES_FILE } from '@paybench/payments-dataset';
import { loadTopologyCatalog } from '@paybench/platform-topology';

let modules: readonly string[] | undefined;

/** The modules the payment flow's topology catalog knows: what a scenario's link may name. Read once. */
export function catalogModules(): readonly string[] {
  modules ??= loadTopologyCatalog(TOPOLOGIES_FILE).modules;
  return modules;
}
