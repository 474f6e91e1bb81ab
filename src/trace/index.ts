// The trace engine's public surface: trace a packet, age the kernel state before rendering it, the bench.

export { trace, ageKernelState, networkOf } from './engine.ts'
export { benchTrace, type BenchTraceResult } from './bench.ts'
export { recentList, dnsQueryId } from './state.ts'
export type * from './types.ts'
