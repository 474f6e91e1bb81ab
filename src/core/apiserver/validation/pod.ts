// PodSpec and container validation (k/k pkg/apis/core/validation: ValidatePodSpec, validateContainers,
// validateContainerPorts, ValidateVolumes), shared by Pods and the pod templates of Deployments/ReplicaSets.
/* eslint-disable @typescript-eslint/no-explicit-any */

import type { FieldError } from '../errors.ts'
import type { KubeObject } from '../../api/types.ts'
import { validateLabels, validateObjectMeta } from './meta.ts'
import { isDNS1123Label, isDNS1123Subdomain, isValidPortName, isValidPortNum } from './names.ts'

type Obj = Record<string, any>
const PROTOCOLS = ['SCTP', 'TCP', 'UDP']
const VOLUME_TYPES = ['hostPath', 'emptyDir', 'gcePersistentDisk', 'awsElasticBlockStore', 'gitRepo', 'secret', 'nfs', 'iscsi',
  'glusterfs', 'persistentVolumeClaim', 'rbd', 'flexVolume', 'cinder', 'cephfs', 'flocker', 'downwardAPI', 'fc', 'azureFile',
  'configMap', 'vsphereVolume', 'quobyte', 'azureDisk', 'photonPersistentDisk', 'projected', 'portworxVolume', 'scaleIO',
  'storageos', 'csi', 'ephemeral', 'image']

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)
const arr = (v: unknown): Obj[] => (Array.isArray(v) ? v.map((x) => (isObj(x) ? x : {})) : [])

function validateVolumes(vols: Obj[], path: string): { errs: FieldError[]; names: Set<string> } {
  const errs: FieldError[] = []
  const names = new Set<string>()
  vols.forEach((v, i) => {
    const p = `${path}[${i}]`
    const types = VOLUME_TYPES.filter((t) => v[t] !== undefined && v[t] !== null)
    if (types.length === 0) errs.push({ type: 'Required', field: p, detail: 'must specify a volume type' })
    else if (types.length > 1) errs.push({ type: 'Forbidden', field: `${p}.${types[1]}`, detail: 'may not specify more than 1 volume type' })
    const name = typeof v.name === 'string' ? v.name : ''
    if (!name) errs.push({ type: 'Required', field: p + '.name' })
    else for (const msg of isDNS1123Label(name)) errs.push({ type: 'Invalid', field: p + '.name', value: name, detail: msg })
    if (names.has(name)) errs.push({ type: 'Duplicate', field: p + '.name', value: name })
    names.add(name)
  })
  return { errs, names }
}

function validateContainerPorts(ports: Obj[], path: string): FieldError[] {
  const errs: FieldError[] = []
  const names = new Set<string>()
  ports.forEach((port, i) => {
    const p = `${path}[${i}]`
    if (typeof port.name === 'string' && port.name) {
      const msgs = isValidPortName(port.name)
      if (msgs.length) for (const msg of msgs) errs.push({ type: 'Invalid', field: p + '.name', value: port.name, detail: msg })
      else if (names.has(port.name)) errs.push({ type: 'Duplicate', field: p + '.name', value: port.name })
      else names.add(port.name)
    }
    if (!port.containerPort) errs.push({ type: 'Required', field: p + '.containerPort' })
    else for (const msg of isValidPortNum(port.containerPort)) errs.push({ type: 'Invalid', field: p + '.containerPort', value: port.containerPort, detail: msg })
    if (port.hostPort) for (const msg of isValidPortNum(port.hostPort)) errs.push({ type: 'Invalid', field: p + '.hostPort', value: port.hostPort, detail: msg })
    if (!port.protocol) errs.push({ type: 'Required', field: p + '.protocol' })
    else if (!PROTOCOLS.includes(port.protocol)) errs.push({ type: 'NotSupported', field: p + '.protocol', value: port.protocol, supported: PROTOCOLS })
  })
  return errs
}

function validateContainer(c: Obj, path: string, volumes: Set<string>): FieldError[] {
  const errs: FieldError[] = []
  const name = typeof c.name === 'string' ? c.name : ''
  if (!name) errs.push({ type: 'Required', field: path + '.name' })
  else for (const msg of isDNS1123Label(name)) errs.push({ type: 'Invalid', field: path + '.name', value: name, detail: msg })
  const image = typeof c.image === 'string' ? c.image : ''
  if (!image) errs.push({ type: 'Required', field: path + '.image' })
  else if (image.trim() !== image) errs.push({ type: 'Invalid', field: path + '.image', value: image, detail: 'must not have leading or trailing whitespace' })
  errs.push(...validateContainerPorts(arr(c.ports), path + '.ports'))
  arr(c.env).forEach((e, i) => {
    if (!e.name) errs.push({ type: 'Required', field: `${path}.env[${i}].name` })
  })
  arr(c.volumeMounts).forEach((m, i) => {
    const p = `${path}.volumeMounts[${i}]`
    if (!m.name) errs.push({ type: 'Required', field: p + '.name' })
    else if (!volumes.has(m.name)) errs.push({ type: 'NotFound', field: p + '.name', value: m.name })
    if (!m.mountPath) errs.push({ type: 'Required', field: p + '.mountPath' })
  })
  const pp = c.imagePullPolicy
  if (!pp) errs.push({ type: 'Required', field: path + '.imagePullPolicy' })
  else if (!['Always', 'IfNotPresent', 'Never'].includes(pp)) errs.push({ type: 'NotSupported', field: path + '.imagePullPolicy', value: pp, supported: ['Always', 'IfNotPresent', 'Never'], keepOrder: true })
  const tmp = c.terminationMessagePolicy
  if (!tmp) errs.push({ type: 'Required', field: path + '.terminationMessagePolicy', detail: "must be 'File' or 'FallbackToLogsOnError'" })
  else if (tmp !== 'File' && tmp !== 'FallbackToLogsOnError') errs.push({ type: 'Invalid', field: path + '.terminationMessagePolicy', value: tmp, detail: "must be 'File' or 'FallbackToLogsOnError'" })
  return errs
}

function validateContainers(list: Obj[], path: string, volumes: Set<string>, required: boolean, others: Set<string>): FieldError[] {
  if (list.length === 0) return required ? [{ type: 'Required', field: path }] : []
  const errs: FieldError[] = []
  const names = new Set<string>()
  list.forEach((c, i) => {
    const p = `${path}[${i}]`
    errs.push(...validateContainer(c, p, volumes))
    const name = typeof c.name === 'string' ? c.name : ''
    if (names.has(name) || others.has(name)) errs.push({ type: 'Duplicate', field: p + '.name', value: name })
    else names.add(name)
  })
  return errs
}

/** ValidatePodSpec (the parts learners meet). `path` is `spec` or `spec.template.spec`. */
export function validatePodSpec(spec: Obj | undefined, path: string): FieldError[] {
  const s = isObj(spec) ? spec : {}
  const { errs, names: volumes } = validateVolumes(arr(s.volumes), path + '.volumes')
  const containers = arr(s.containers)
  errs.push(...validateContainers(containers, path + '.containers', volumes, true, new Set()))
  const regular = new Set(containers.map((c) => String(c.name ?? '')))
  errs.push(...validateContainers(arr(s.initContainers), path + '.initContainers', volumes, false, regular))
  const rp = s.restartPolicy
  if (!rp) errs.push({ type: 'Required', field: path + '.restartPolicy' })
  else if (!['Always', 'OnFailure', 'Never'].includes(rp)) errs.push({ type: 'NotSupported', field: path + '.restartPolicy', value: rp, supported: ['Always', 'OnFailure', 'Never'], keepOrder: true })
  const dp = s.dnsPolicy
  if (!dp) errs.push({ type: 'Required', field: path + '.dnsPolicy' })
  else if (!['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'].includes(dp)) {
    errs.push({ type: 'NotSupported', field: path + '.dnsPolicy', value: dp, supported: ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'], keepOrder: true })
  }
  errs.push(...validateLabels(s.nodeSelector, path + '.nodeSelector'))
  if (typeof s.serviceAccountName === 'string' && s.serviceAccountName) {
    for (const msg of isDNS1123Subdomain(s.serviceAccountName)) errs.push({ type: 'Invalid', field: path + '.serviceAccountName', value: s.serviceAccountName, detail: msg })
  }
  if (typeof s.nodeName === 'string' && s.nodeName) {
    for (const msg of isDNS1123Subdomain(s.nodeName)) errs.push({ type: 'Invalid', field: path + '.nodeName', value: s.nodeName, detail: msg })
  }
  if (typeof s.hostname === 'string' && s.hostname) for (const msg of isDNS1123Label(s.hostname)) errs.push({ type: 'Invalid', field: path + '.hostname', value: s.hostname, detail: msg })
  if (typeof s.subdomain === 'string' && s.subdomain) for (const msg of isDNS1123Label(s.subdomain)) errs.push({ type: 'Invalid', field: path + '.subdomain', value: s.subdomain, detail: msg })
  if (typeof s.terminationGracePeriodSeconds === 'number' && s.terminationGracePeriodSeconds < 0) {
    errs.push({ type: 'Invalid', field: path + '.terminationGracePeriodSeconds', value: s.terminationGracePeriodSeconds, detail: 'must be greater than or equal to 0' })
  }
  return errs
}

/** ValidatePodCreate. */
export function validatePod(pod: KubeObject): FieldError[] {
  return [...validateObjectMeta(pod, isDNS1123Subdomain), ...validatePodSpec(pod.spec as Obj, 'spec')]
}
