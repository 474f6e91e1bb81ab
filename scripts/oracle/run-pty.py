#!/usr/bin/env python3
# Runs one command line with stdout on a 120-column pseudo-terminal (the terminal the lab emulates, so kubectl
# wraps help text as it does there) and stderr on a pipe; writes them to argv[2] and argv[3], exits with its code.
import fcntl, os, pty, struct, subprocess, sys, termios, select

line, out_path, err_path = sys.argv[1], sys.argv[2], sys.argv[3]
master, slave = pty.openpty()
fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack('HHHH', 50, 120, 0, 0))
attrs = termios.tcgetattr(slave)
attrs[1] &= ~termios.ONLCR  # no \r\n translation: keep kubectl's bytes
termios.tcsetattr(slave, termios.TCSANOW, attrs)
with open(os.devnull, 'rb') as devnull:
    p = subprocess.Popen(['bash', '--norc', '--noprofile', '-c', line], stdin=devnull, stdout=slave,
                         stderr=subprocess.PIPE, env=dict(os.environ), start_new_session=True)
os.close(slave)
out = bytearray()
err = bytearray()
fds = [master, p.stderr.fileno()]
while fds:
    r, _, _ = select.select(fds, [], [])
    for fd in r:
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            chunk = b''
        if not chunk:
            fds.remove(fd)
        elif fd == master:
            out += chunk
        else:
            err += chunk
rc = p.wait()
open(out_path, 'wb').write(out)
open(err_path, 'wb').write(err)
sys.exit(rc)
