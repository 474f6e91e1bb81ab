// host-local IPAM as the CNI plugin does it per node: addresses from the node's pod CIDR handed out in
// order from .2 (the bridge holds .1), continuing after the last one given (no immediate reuse), wrapping.

function ipToInt(ip: string): number {
  return ip.split('.').reduce((a, o) => ((a << 8) | Number(o)) >>> 0, 0)
}
function intToIp(n: number): string {
  return `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`
}

export class HostLocalIPAM {
  private readonly first: number
  private readonly last: number
  private lastGiven: number
  private readonly used = new Set<number>()

  constructor(cidr: string) {
    const [base, bits] = cidr.split('/')
    const size = 2 ** (32 - Number(bits))
    const net = ipToInt(base)
    this.first = net + 2
    this.last = net + size - 2
    this.lastGiven = this.first - 1
  }

  allocate(): string | undefined {
    const span = this.last - this.first + 1
    for (let i = 1; i <= span; i++) {
      const cand = this.first + ((this.lastGiven - this.first + i) % span + span) % span
      if (!this.used.has(cand)) {
        this.used.add(cand)
        this.lastGiven = cand
        return intToIp(cand)
      }
    }
    return undefined
  }

  /** mark an address taken (a pod that already has it) */
  reserve(ip: string): void {
    this.used.add(ipToInt(ip))
  }

  release(ip: string): void {
    this.used.delete(ipToInt(ip))
  }
}
