// kubectl explain docs for Deployment, Pod, their specs, containers and container ports, and Ingress.

import type { TypeDoc, FieldDoc } from './explain-docs.ts'

const AC = 'https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md'
const apiVersion: FieldDoc = { type: 'string', description: `APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: ${AC}#resources` }
const kind: FieldDoc = { type: 'string', description: `Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: ${AC}#types-kinds` }
const metadata: FieldDoc = { type: 'ObjectMeta', description: `Standard object's metadata. More info: ${AC}#metadata` }

export const WORKLOAD_TYPES: Record<string, TypeDoc> = {
  Deployment: {
    description: 'Deployment enables declarative updates for Pods and ReplicaSets.',
    fields: {
      apiVersion, kind,
      metadata: { type: 'ObjectMeta', description: `Standard object's metadata. More info: ${AC}#metadata` },
      spec: { type: 'DeploymentSpec', description: 'Specification of the desired behavior of the Deployment.' },
      status: { type: 'DeploymentStatus', description: 'Most recently observed status of the Deployment.' },
    },
  },
  DeploymentSpec: {
    description: 'DeploymentSpec is the specification of the desired behavior of the Deployment.',
    fields: {
      minReadySeconds: { type: 'integer', description: 'Minimum number of seconds for which a newly created pod should be ready without any of its container crashing, for it to be considered available. Defaults to 0 (pod will be considered available as soon as it is ready)' },
      paused: { type: 'boolean', description: 'Indicates that the deployment is paused.' },
      progressDeadlineSeconds: { type: 'integer', description: 'The maximum time in seconds for a deployment to make progress before it is considered to be failed. The deployment controller will continue to process failed deployments and a condition with a ProgressDeadlineExceeded reason will be surfaced in the deployment status. Note that progress will not be estimated during the time a deployment is paused. Defaults to 600s.' },
      replicas: { type: 'integer', description: 'Number of desired pods. This is a pointer to distinguish between explicit zero and not specified. Defaults to 1.' },
      revisionHistoryLimit: { type: 'integer', description: 'The number of old ReplicaSets to retain to allow rollback. This is a pointer to distinguish between explicit zero and not specified. Defaults to 10.' },
      selector: { type: 'LabelSelector', required: true, description: "Label selector for pods. Existing ReplicaSets whose pods are selected by this will be the ones affected by this deployment. It must match the pod template's labels." },
      strategy: { type: 'DeploymentStrategy', description: 'The deployment strategy to use to replace existing pods with new ones.' },
      template: { type: 'PodTemplateSpec', required: true, description: 'Template describes the pods that will be created. The only allowed template.spec.restartPolicy value is "Always".' },
    },
  },
  DeploymentStrategy: {
    description: 'DeploymentStrategy describes how to replace existing pods with new ones.',
    fields: {
      rollingUpdate: { type: 'RollingUpdateDeployment', description: 'Rolling update config params. Present only if DeploymentStrategyType = RollingUpdate.' },
      type: { type: 'string', enum: ['Recreate', 'RollingUpdate'], description: 'Type of deployment. Can be "Recreate" or "RollingUpdate". Default is RollingUpdate.' },
    },
  },
  LabelSelector: {
    description: 'A label selector is a label query over a set of resources. The result of matchLabels and matchExpressions are ANDed. An empty label selector matches all objects. A null label selector matches no objects.',
    fields: {
      matchExpressions: { type: '[]LabelSelectorRequirement', description: 'matchExpressions is a list of label selector requirements. The requirements are ANDed.' },
      matchLabels: { type: 'map[string]string', description: 'matchLabels is a map of {key,value} pairs. A single {key,value} in the matchLabels map is equivalent to an element of matchExpressions, whose key field is "key", the operator is "In", and the values array contains only "value". The requirements are ANDed.' },
    },
  },
  PodTemplateSpec: {
    description: 'PodTemplateSpec describes the data a pod should have when created from a template',
    fields: {
      metadata,
      spec: { type: 'PodSpec', description: `Specification of the desired behavior of the pod. More info: ${AC}#spec-and-status` },
    },
  },
  Pod: {
    description: 'Pod is a collection of containers that can run on a host. This resource is created by clients and scheduled onto hosts.',
    fields: {
      apiVersion, kind, metadata,
      spec: { type: 'PodSpec', description: `Specification of the desired behavior of the pod. More info: ${AC}#spec-and-status` },
      status: { type: 'PodStatus', description: `Most recently observed status of the pod. This data may not be up to date. Populated by the system. Read-only. More info: ${AC}#spec-and-status` },
    },
  },
  PodSpec: {
    description: 'PodSpec is a description of a pod.',
    fields: {
      containers: { type: '[]Container', required: true, description: 'List of containers belonging to the pod. Containers cannot currently be added or removed. There must be at least one container in a Pod. Cannot be updated.' },
      dnsPolicy: { type: 'string', enum: ['ClusterFirst', 'ClusterFirstWithHostNet', 'Default', 'None'], description: "Set DNS policy for the pod. Defaults to \"ClusterFirst\". Valid values are 'ClusterFirstWithHostNet', 'ClusterFirst', 'Default' or 'None'. DNS parameters given in DNSConfig will be merged with the policy selected with DNSPolicy. To have DNS options set along with hostNetwork, you have to specify DNS policy explicitly to 'ClusterFirstWithHostNet'." },
      enableServiceLinks: { type: 'boolean', description: "EnableServiceLinks indicates whether information about services should be injected into pod's environment variables, matching the syntax of Docker links. Optional: Defaults to true." },
      hostNetwork: { type: 'boolean', description: "Host networking requested for this pod. Use the host's network namespace. If this option is set, the ports that will be used must be specified. Default to false." },
      hostname: { type: 'string', description: "Specifies the hostname of the Pod If not specified, the pod's hostname will be set to a system-defined value." },
      nodeName: { type: 'string', description: 'NodeName indicates in which node this pod is scheduled. If empty, this pod is a candidate for scheduling by the scheduler defined in schedulerName. Once this field is set, the kubelet for this node becomes responsible for the lifecycle of this pod. This field should not be used to express a desire for the pod to be scheduled on a specific node. https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/#nodename' },
      restartPolicy: { type: 'string', enum: ['Always', 'Never', 'OnFailure'], description: 'Restart policy for all containers within the pod. One of Always, OnFailure, Never. In some contexts, only a subset of those values may be permitted. Default to Always. More info: https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#restart-policy' },
      subdomain: { type: 'string', description: 'If specified, the fully qualified Pod hostname will be "<hostname>.<subdomain>.<pod namespace>.svc.<cluster domain>". If not specified, the pod will not have a domainname at all.' },
      volumes: { type: '[]Volume', description: 'List of volumes that can be mounted by containers belonging to the pod. More info: https://kubernetes.io/docs/concepts/storage/volumes' },
    },
  },
  Container: {
    description: 'A single application container that you want to run within a pod.',
    fields: {
      args: { type: '[]string', description: "Arguments to the entrypoint. The container image's CMD is used if this is not provided. Variable references $(VAR_NAME) are expanded using the container's environment. If a variable cannot be resolved, the reference in the input string will be unchanged. Double $$ are reduced to a single $, which allows for escaping the $(VAR_NAME) syntax: i.e. \"$$(VAR_NAME)\" will produce the string literal \"$(VAR_NAME)\". Escaped references will never be expanded, regardless of whether the variable exists or not. Cannot be updated. More info: https://kubernetes.io/docs/tasks/inject-data-application/define-command-argument-container/#running-a-command-in-a-shell" },
      command: { type: '[]string', description: "Entrypoint array. Not executed within a shell. The container image's ENTRYPOINT is used if this is not provided. Variable references $(VAR_NAME) are expanded using the container's environment. If a variable cannot be resolved, the reference in the input string will be unchanged. Double $$ are reduced to a single $, which allows for escaping the $(VAR_NAME) syntax: i.e. \"$$(VAR_NAME)\" will produce the string literal \"$(VAR_NAME)\". Escaped references will never be expanded, regardless of whether the variable exists or not. Cannot be updated. More info: https://kubernetes.io/docs/tasks/inject-data-application/define-command-argument-container/#running-a-command-in-a-shell" },
      env: { type: '[]EnvVar', description: 'List of environment variables to set in the container. Cannot be updated.' },
      envFrom: { type: '[]EnvFromSource', description: 'List of sources to populate environment variables in the container. The keys defined within a source must be a C_IDENTIFIER. All invalid keys will be reported as an event when the container is starting. When a key exists in multiple sources, the value associated with the last source will take precedence. Values defined by an Env with a duplicate key will take precedence. Cannot be updated.' },
      image: { type: 'string', description: 'Container image name. More info: https://kubernetes.io/docs/concepts/containers/images This field is optional to allow higher level config management to default or override container images in workload controllers like Deployments and StatefulSets.' },
      imagePullPolicy: { type: 'string', enum: ['Always', 'IfNotPresent', 'Never'], description: 'Image pull policy. One of Always, Never, IfNotPresent. Defaults to Always if :latest tag is specified, or IfNotPresent otherwise. Cannot be updated. More info: https://kubernetes.io/docs/concepts/containers/images#updating-images' },
      name: { type: 'string', required: true, description: 'Name of the container specified as a DNS_LABEL. Each container in a pod must have a unique name (DNS_LABEL). Cannot be updated.' },
      ports: { type: '[]ContainerPort', description: 'List of ports to expose from the container. Not specifying a port here DOES NOT prevent that port from being exposed. Any port which is listening on the default "0.0.0.0" address inside a container will be accessible from the network. Modifying this array with strategic merge patch may corrupt the data. For more information See https://github.com/kubernetes/kubernetes/issues/108255. Cannot be updated.' },
      readinessProbe: { type: 'Probe', description: 'Periodic probe of container service readiness. Container will be removed from service endpoints if the probe fails. Cannot be updated. More info: https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle#container-probes' },
      volumeMounts: { type: '[]VolumeMount', description: "Pod volumes to mount into the container's filesystem. Cannot be updated." },
    },
  },
  ContainerPort: {
    description: 'ContainerPort represents a network port in a single container.',
    fields: {
      containerPort: { type: 'integer', required: true, description: "Number of port to expose on the pod's IP address. This must be a valid port number, 0 < x < 65536." },
      hostIP: { type: 'string', description: 'What host IP to bind the external port to.' },
      hostPort: { type: 'integer', description: 'Number of port to expose on the host. If specified, this must be a valid port number, 0 < x < 65536. If HostNetwork is specified, this must match ContainerPort. Most containers do not need this.' },
      name: { type: 'string', description: 'If specified, this must be an IANA_SVC_NAME and unique within the pod. Each named port in a pod must have a unique name. Name for the port that can be referred to by services.' },
      protocol: { type: 'string', enum: ['SCTP', 'TCP', 'UDP'], description: 'Protocol for port. Must be UDP, TCP, or SCTP. Defaults to "TCP".' },
    },
  },
  Ingress: {
    description: 'Ingress is a collection of rules that allow inbound connections to reach the endpoints defined by a backend. An Ingress can be configured to give services externally-reachable urls, load balance traffic, terminate SSL, offer name based virtual hosting etc.',
    fields: {
      apiVersion, kind, metadata,
      spec: { type: 'IngressSpec', description: `spec is the desired state of the Ingress. More info: ${AC}#spec-and-status` },
      status: { type: 'IngressStatus', description: `status is the current state of the Ingress. More info: ${AC}#spec-and-status` },
    },
  },
  IngressSpec: {
    description: 'IngressSpec describes the Ingress the user wishes to exist.',
    fields: {
      defaultBackend: { type: 'IngressBackend', description: 'defaultBackend is the backend that should handle requests that don\'t match any rule. If Rules are not specified, DefaultBackend must be specified. If DefaultBackend is not set, the handling of requests that do not match any of the rules will be up to the Ingress controller.' },
      ingressClassName: { type: 'string', description: 'ingressClassName is the name of an IngressClass cluster resource. Ingress controller implementations use this field to know whether they should be serving this Ingress resource, by a transitive connection (controller -> IngressClass -> Ingress resource). Although the `kubernetes.io/ingress.class` annotation (simple constant name) was never formally defined, it was widely supported by Ingress controllers to create a direct binding between Ingress controller and Ingress resources. Newly created Ingress resources should prefer using the field. However, even though the annotation is officially deprecated, for backwards compatibility reasons, ingress controllers should still honor that annotation if present.' },
      rules: { type: '[]IngressRule', description: 'rules is a list of host rules used to configure the Ingress. If unspecified, or no rule matches, all traffic is sent to the default backend.' },
      tls: { type: '[]IngressTLS', description: 'tls represents the TLS configuration. Currently the Ingress only supports a single TLS port, 443. If multiple members of this list specify different hosts, they will be multiplexed on the same port according to the hostname specified through the SNI TLS extension, if the ingress controller fulfilling the ingress supports SNI.' },
    },
  },
}
