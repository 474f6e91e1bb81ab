// The netfilter model of a namespace: entry point for kube-proxy back ends, the trace engine and the shell tools.

export { newNetfilter, NetfilterImpl, ctime, type SaveOptions, type NewNetfilterOptions } from './netfilter.ts'
export { parseRuleArgs, parseRuleSpec, type ParsedRuleArgs, type RuleCommand } from './parse.ts'
export { ruleText, ruleBody, ruleComment, renderBody } from './text.ts'
export { quantiseProbability } from './matches.ts'
export { canonicalCidr } from './addr.ts'
export { splitRestoreLine, saveString } from './savestring.ts'
export { BUILTIN_CHAINS, SAVE_ORDER, isBuiltinChain, isTableName, sortedChains } from './tables.ts'
export { NetfilterError, RuleParseError, NO_CHAIN, IPTABLES_VERSION, noSuchTable, iptablesParameterProblem } from './errors.ts'
export { listChains, listRules, type ListOptions } from './list.ts'
export { nodeBaseRules, newNodeNetfilter, newPodNetfilter, type NodeBaseOptions } from './base.ts'
export { chainRules, checkRuleset, type CheckOptions } from './check.ts'
export { benchRestore, kubeProxyLines, type RestoreBench } from './bench.ts'
