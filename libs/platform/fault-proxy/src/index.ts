export { startFaultProxy, FaultProxyOptions, type FaultProxy, type FaultProxyStats } from './fault-proxy.js';
export {
  Toxic,
  Toxics,
  ToxicDirection,
  LatencyToxic,
  BandwidthToxic,
  ResetPeerToxic,
  BlackHoleToxic,
  NoneToxic,
  compileToxics,
  type ToxicInput,
  type DirectionFaults,
  type CompiledToxics,
} from './toxics.js';
