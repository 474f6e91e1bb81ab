// kubectl annotate: add, change (--overwrite) or remove (KEY-) annotations on objects.

import type { Verb } from '../verb.ts'
import type { FlagSpec } from '../flags.ts'
import { longDesc, examples, renderHelp } from '../help-format.ts'
import { dryRunFlag, printFlags, filenameFlags, fieldManagerFlag, recordFlag } from '../help-flags.ts'
import { runLabelOrAnnotate } from '../label-run.ts'

const FLAGS: FlagSpec[] = [
  ...printFlags, dryRunFlag, ...filenameFlags('identifying the resource to update the annotation'),
  fieldManagerFlag('kubectl-annotate'),
  { name: 'all', type: 'bool', default: false, usage: 'Select all resources, in the namespace of the specified resource types.' },
  { name: 'all-namespaces', short: 'A', type: 'bool', default: false, usage: 'If true, check the specified action in all namespaces.' },
  { name: 'field-selector', type: 'string', default: '', usage: "Selector (field query) to filter on, supports '=', '==', and '!='.(e.g. --field-selector key1=value1,key2=value2). The server only supports a limited number of field queries per type." },
  { name: 'list', type: 'bool', default: false, usage: 'If true, display the annotations for a given resource.' },
  { name: 'local', type: 'bool', default: false, usage: 'If true, annotation will NOT contact api-server but run locally.' },
  { name: 'overwrite', type: 'bool', default: false, usage: 'If true, allow annotations to be overwritten, otherwise reject annotation updates that overwrite existing annotations.' },
  { name: 'resource-version', type: 'string', default: '', usage: 'If non-empty, the annotation update will only succeed if this is the current resource-version for the object. Only valid when specifying a single resource.' },
  { name: 'selector', short: 'l', type: 'string', default: '', usage: "Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.(e.g. -l key1=value1,key2=value2,key3 in (value3)). Matching objects must satisfy all of the specified label constraints." },
]

const HELP = renderHelp({
  name: 'annotate', commandPath: 'kubectl annotate', flags: FLAGS,
  long: longDesc(`
    Update the annotations on one or more resources.

    All Kubernetes objects support the ability to store additional data with the object as
    annotations. Annotations are key/value pairs that can be larger than labels and include
    arbitrary string values such as structured JSON. Tools and system extensions may use
    annotations to store their own data.

    Attempting to set an annotation that already exists will fail unless --overwrite is set.
    If --resource-version is specified and does not match the current resource version on
    the server the command will fail.

    Use "kubectl api-resources" for a complete list of supported resources.`),
  example: examples(`
    # Update pod 'foo' with the annotation 'description' and the value 'my frontend'
    # If the same annotation is set multiple times, only the last value will be applied
    kubectl annotate pods foo description='my frontend'

    # Update a pod identified by type and name in "pod.json"
    kubectl annotate -f pod.json description='my frontend'

    # Update pod 'foo' with the annotation 'description' and the value 'my frontend running nginx', overwriting any existing value
    kubectl annotate --overwrite pods foo description='my frontend running nginx'

    # Update all pods in the namespace
    kubectl annotate pods --all description='my frontend running nginx'

    # Update pod 'foo' only if the resource is unchanged from version 1
    kubectl annotate pods foo description='my frontend running nginx' --resource-version=1

    # Update pod 'foo' by removing an annotation named 'description' if it exists
    # Does not require the --overwrite flag
    kubectl annotate pods foo description-`),
  use: 'kubectl annotate [--overwrite] (-f FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N=VAL_N [--resource-version=version]',
})

export const annotate: Verb = {
  name: 'annotate',
  short: 'Update the annotations on a resource',
  group: 'Settings Commands',
  flags: [...FLAGS, recordFlag],
  help: HELP,
  run: (inv) => runLabelOrAnnotate(inv, 'annotation'),
}
