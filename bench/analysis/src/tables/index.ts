export { capacityTable, topologyCapacities, type TopologyCapacity } from './capacity-table.js';
export { cellTable, paymentsMark } from './cell-table.js';
export { crossCheckTable } from './cross-check-table.js';
export {
  columnTitle,
  cpuBreakdownTable,
  cpuPerProcessTable,
  otherThreads,
  remoteCallPhrase,
} from './cpu-breakdown-tables.js';
export { gitProvenance, type GitProvenance } from './git-provenance.js';
export {
  columnHeading,
  type ColumnGroup,
  type NumberFormat,
  type TableCell,
  type TableColumn,
  type TableModel,
  type TableRow,
} from './table-model.js';
