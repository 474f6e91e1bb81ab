// Installs src/trace's engine for the tools (imported once by the command registry).

import { ageKernelState, trace } from '../../trace/index.ts'
import { useKernelAging, useTraceEngine } from './engine.ts'

useTraceEngine((cluster, request, opts) => trace(cluster, request, opts))
useKernelAging((cluster) => ageKernelState(cluster))
