// curl's texts per version family: error lines, the -v trace lines (`*   Trying ...`, `> `, `< `) and the
// progress meter it shows when stdout is not a terminal. 7.x = Debian 12's 7.88.1 wording, 8.x = curl 8.11/8.12.

export type CurlFamily = 7 | 8

export function familyOfVersion(version: string): CurlFamily {
  return version.startsWith('7.') ? 7 : 8
}

export const CURL_TRY = "curl: try 'curl --help' or 'curl --manual' for more information\n"

/** The libcurl message of a refused/unreachable connect: the OS error in 7.x, curl_easy_strerror in 8.x. */
export function connectFailText(f: CurlFamily, os: 'Connection refused' | 'No route to host' | 'Connection timed out'): string {
  return f === 7 ? os : "Couldn't connect to server"
}

export function failedToConnect(f: CurlFamily, host: string, port: number, ms: number, os: 'Connection refused' | 'No route to host' | 'Connection timed out'): string {
  return `Failed to connect to ${host} port ${port} after ${ms} ms: ${connectFailText(f, os)}`
}

export function closingLine(f: CurlFamily): string {
  return f === 7 ? '* Closing connection 0\n' : '* closing connection #0\n'
}

/** `*   Trying` and friends before the request goes out */
export function connectLines(f: CurlFamily, host: string, ip: string, port: number, named: boolean): string {
  let out = ''
  if (f === 8 && named) out += `* Host ${host}:${port} was resolved.\n* IPv6: (none)\n* IPv4: ${ip}\n`
  out += `*   Trying ${ip}:${port}...\n`
  return out
}

/** `* Connected to ...`; 8.x names the HTTP version here for plain HTTP (after the handshake for https) */
export function connectedLine(f: CurlFamily, host: string, ip: string, port: number, https = false): string {
  if (f === 7) return `* Connected to ${host} (${ip}) port ${port} (#0)\n`
  return `* Connected to ${host} (${ip}) port ${port}\n` + (https ? '' : '* using HTTP/1.x\n')
}

export function refusedVerbose(f: CurlFamily, ip: string, port: number, src: string, sport: number, os: 'Connection refused' | 'No route to host'): string {
  return f === 7 ? `* connect to ${ip} port ${port} failed: ${os}\n` : `* connect to ${ip} port ${port} from ${src} port ${sport} failed: ${os}\n`
}

export function leftIntact(host: string): string {
  return `* Connection #0 to host ${host} left intact\n`
}

/** curl's max5data: a number in at most 5 columns (`615`, `600k`, `13.3M`). */
export function max5(n: number): string {
  const k = 1024
  if (n < 100000) return String(Math.floor(n))
  if (n < 10000 * k) return `${Math.floor(n / k)}k`
  if (n < 100 * k * k) return `${Math.floor(n / (k * k))}.${Math.floor(((n % (k * k)) * 10) / (k * k))}M`
  return `${Math.floor(n / (k * k))}M`
}

const pad = (s: string, w: number) => s.padStart(w)

/** The progress meter as a terminal finally shows it (header and the last line), for `bytes` fetched in `ms`. */
export function progressMeter(bytes: number, ms: number, failed = false): string {
  const speed = failed ? 0 : Math.floor((bytes * 1000) / Math.max(ms, 1))
  const pct = failed ? '  0' : '100'
  const head = '  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n' +
    '                                 Dload  Upload   Total   Spent    Left  Speed\n'
  const secs = Math.floor(ms / 1000)
  const spent = secs > 0 ? `0:${String(Math.floor(secs / 60)).padStart(2, '0')}:${String(secs % 60).padStart(2, '0')}`.padStart(8) : '--:--:--'
  const line = `${pct} ${pad(max5(bytes), 5)}  ${pct} ${pad(max5(bytes), 5)}    0 ${pad('0', 5)}  ${pad(max5(speed), 5)}  ${pad('0', 5)} --:--:-- ${spent} --:--:-- ${pad(max5(speed), 5)}\n`
  return head + line
}
