// The Python 3 helpers the exported script writes next to itself: the pods' tiny HTTP server and a netlink
// call creating nfacct objects (kube-proxy's `-m nfacct` rules need them; no nfacct tool required).

/** server.py CONFIG.json: serves each ServerSpec of the pod (servers.ts) on 0.0.0.0, prints `ready` once bound */
export const SERVER_PY = String.raw`import email.utils, json, socketserver, sys, threading

specs = json.load(open(sys.argv[1]))


class Handler(socketserver.StreamRequestHandler):
    def handle(self):
        line = self.rfile.readline(65537).decode('latin-1').strip()
        if not line:
            return
        method, path = (line.split(' ') + ['', ''])[:2]
        headers = []
        while True:
            h = self.rfile.readline(65537).decode('latin-1')
            if h in ('\r\n', '\n', ''):
                break
            k, _, v = h.partition(':')
            headers.append((k.strip(), v.strip()))
        spec = self.server.spec
        ip, port = self.client_address[:2]
        if spec['kind'] == 'whoami':
            host = next((v for k, v in headers if k.lower() == 'host'), '')
            ua = [(k, v) for k, v in headers if k.lower() == 'user-agent']
            rest = sorted([(k, v) for k, v in headers if k.lower() not in ('host', 'user-agent')], key=lambda kv: kv[0])
            wire = ['%s %s HTTP/1.1' % (method, path), 'Host: ' + host] + ['%s: %s' % kv for kv in ua + rest]
            body = spec['head'] + 'RemoteAddr: %s:%d\n' % (ip, port) + '\r\n'.join(wire) + '\r\n\r\n'
            status, reason, hdrs = 200, 'OK', spec['headers']
        else:
            t = spec['root'] if path.split('?')[0] in ('/', '/index.html') else spec['other']
            status, reason, hdrs, body = t['status'], t['reason'], t['headers'], t['body']
        data = body.encode('utf-8')
        out = ['HTTP/1.1 %d %s' % (status, reason)]
        for k, v in hdrs:
            if k.lower() == 'date':
                v = email.utils.formatdate(usegmt=True)
            elif k.lower() == 'content-length':
                v = str(len(data))
            out.append('%s: %s' % (k, v))
        self.wfile.write(('\r\n'.join(out) + '\r\n\r\n').encode('latin-1') + (b'' if method == 'HEAD' else data))


class Server(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True


servers = []
for spec in specs:
    s = Server(('0.0.0.0', spec['port']), Handler)
    s.spec = spec
    servers.append(s)
print('ready', flush=True)
threads = [threading.Thread(target=s.serve_forever) for s in servers]
for t in threads:
    t.start()
for t in threads:
    t.join()
`

/** nfacct.py NAME...: NFNL_MSG_ACCT_NEW for each name in the current namespace (an existing one is fine) */
export const NFACCT_PY = String.raw`import socket, struct, sys

NETLINK_NETFILTER, NFNL_SUBSYS_ACCT, NFNL_MSG_ACCT_NEW, NFACCT_NAME = 12, 7, 0, 1
FLAGS = 0x1 | 0x4 | 0x400  # NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE


def attr(kind, data):
    size = 4 + len(data)
    return struct.pack('=HH', size, kind) + data + b'\0' * ((4 - size % 4) % 4)


sock = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, NETLINK_NETFILTER)
for seq, name in enumerate(sys.argv[1:], 1):
    payload = struct.pack('=BBH', socket.AF_UNSPEC, 0, 0) + attr(NFACCT_NAME, name.encode() + b'\0')
    sock.send(struct.pack('=IHHII', 16 + len(payload), (NFNL_SUBSYS_ACCT << 8) | NFNL_MSG_ACCT_NEW, FLAGS, seq, 0) + payload)
    err = struct.unpack('=i', sock.recv(4096)[16:20])[0]
    if err not in (0, -17):
        sys.exit('nfacct %s: netlink error %d' % (name, -err))
`
