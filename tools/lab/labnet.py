#!/usr/bin/env python3
"""Network probes for the Kith lab, run INSIDE lab namespaces (`lab.sh exec HOST python3 labnet.py ...`).

Refuses to run anywhere but in a lab host namespace: lab traffic never leaves the lab.

  ping ADDRESS [--timeout S]                       one ICMP echo (IPv4, or IPv6 with fe80::x%IFACE)
  tcp-listen PORT [--timeout S]                    prints "listening", answers one connection, exits
  tcp-connect ADDRESS PORT [--timeout S]           connects, prints what the listener sent
  mcast-recv GROUP PORT IFACE [--count N] [--timeout S]
                                                   joins GROUP on IFACE, prints "joined", then one
                                                   line per datagram: "<payload> from <sender>"
  mcast-send GROUP PORT IFACE [--count N] [--interval S] [--message TEXT]
                                                   sends "TEXT <i>" N times out of IFACE
  mcast-post GROUP PORT IFACE                      sends each line of stdin as one datagram
                                                   out of IFACE (the multicast harness floor)
  mcast-tail GROUP PORT IFACE --socket PATH        joins GROUP on IFACE and serves what arrives
                                                   to clients of the Unix socket PATH as a
                                                   node's `tail` does, one entry id per datagram
  relay PORT [--to ADDRESS PORT]                   a trivial UDP relay (bench-latency's harness
                                                   floor): prints each line that arrives on PORT
                                                   and forwards it, and each line of its stdin,
                                                   to --to (a 10.x lab address); reads stdin only
                                                   once that next relay answered, in turn
Exit status: 0 success, 1 failure or timeout, 2 bad usage or refused.
"""

import argparse
import os
import select
import socket
import struct
import sys
import time


def refuse_outside_lab_host():
    """Exits unless this process runs in a lab host namespace (/run/netns/<prefix>-h-<host>)."""
    try:
        own = os.stat("/proc/self/ns/net")
        names = os.listdir("/run/netns")
    except OSError as error:
        print(f"labnet: cannot identify the network namespace ({error}); refusing to run", file=sys.stderr)
        sys.exit(2)
    for name in names:
        if "-h-" not in name:
            continue
        try:
            candidate = os.stat(os.path.join("/run/netns", name))
        except OSError:
            continue
        if (candidate.st_dev, candidate.st_ino) == (own.st_dev, own.st_ino):
            return
    print("labnet: refusing to run outside a lab host namespace; use lab.sh exec HOST", file=sys.stderr)
    sys.exit(2)


def split_scope(address):
    """'fe80::1%e-lan' -> ('fe80::1', interface index); other addresses -> (address, 0)."""
    if "%" not in address:
        return address, 0
    host, interface = address.split("%", 1)
    return host, socket.if_nametoindex(interface)


def family_of(address):
    return socket.AF_INET6 if ":" in address else socket.AF_INET


def checksum(data):
    if len(data) % 2:
        data += b"\0"
    total = sum(struct.unpack(f"!{len(data) // 2}H", data))
    total = (total >> 16) + (total & 0xFFFF)
    total += total >> 16
    return ~total & 0xFFFF


def ping(args):
    host, scope = split_scope(args.address)
    family = family_of(host)
    identifier = os.getpid() & 0xFFFF
    if family == socket.AF_INET:
        sock = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP)
        echo_request, echo_reply, target = 8, 0, (host, 0)
    else:
        sock = socket.socket(socket.AF_INET6, socket.SOCK_RAW, socket.IPPROTO_ICMPV6)
        echo_request, echo_reply, target = 128, 129, (host, 0, 0, scope)
    payload = b"kith-lab-ping"
    header = struct.pack("!BBHHH", echo_request, 0, 0, identifier, 1)
    if family == socket.AF_INET:
        header = struct.pack("!BBHHH", echo_request, 0, checksum(header + payload), identifier, 1)
    # The kernel fills in the ICMPv6 checksum itself.
    try:
        sock.sendto(header + payload, target)
    except OSError as error:
        print(f"labnet: cannot send an echo request to {args.address}: {error}", file=sys.stderr)
        return 1
    deadline = time.monotonic() + args.timeout
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            print(f"labnet: no echo reply from {args.address}", file=sys.stderr)
            return 1
        readable, _, _ = select.select([sock], [], [], remaining)
        if not readable:
            continue
        packet, _ = sock.recvfrom(2048)
        if family == socket.AF_INET:
            packet = packet[(packet[0] & 0x0F) * 4 :]
        if len(packet) >= 8:
            kind, _, _, reply_id, _ = struct.unpack("!BBHHH", packet[:8])
            if kind == echo_reply and reply_id == identifier:
                return 0


def tcp_listen(args):
    server = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
    server.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind(("::", args.port))
    server.listen(1)
    print("listening", flush=True)
    readable, _, _ = select.select([server], [], [], args.timeout)
    if not readable:
        print("labnet: nobody connected", file=sys.stderr)
        return 1
    connection, peer = server.accept()
    connection.sendall(b"hello from tcp-listen\n")
    connection.close()
    print(f"accepted {peer[0]}", flush=True)
    return 0


def tcp_connect(args):
    host, scope = split_scope(args.address)
    family = family_of(host)
    target = (host, args.port) if family == socket.AF_INET else (host, args.port, 0, scope)
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.settimeout(args.timeout)
    try:
        sock.connect(target)
        data = sock.recv(1024)
    except OSError as error:
        print(f"labnet: connect to {args.address} port {args.port} failed: {error}", file=sys.stderr)
        return 1
    print(data.decode(errors="replace").strip(), flush=True)
    return 0


def multicast_socket(group, interface):
    """A UDP socket whose multicast traffic goes through `interface` only (TTL / hop limit 1)."""
    index = socket.if_nametoindex(interface)
    family = family_of(group)
    sock = socket.socket(family, socket.SOCK_DGRAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_BINDTODEVICE, interface.encode())
    if family == socket.AF_INET:
        request = struct.pack("=4s4si", socket.inet_aton(group), socket.inet_aton("0.0.0.0"), index)
        sock.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_IF, request)
        sock.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_TTL, 1)
    else:
        sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_MULTICAST_IF, index)
        sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_MULTICAST_HOPS, 1)
    return sock, family, index


def check_group(group):
    family = family_of(group)
    if family == socket.AF_INET and not group.startswith("239."):
        sys.exit("labnet: IPv4 groups must be administratively scoped (239.0.0.0/8)")
    if family == socket.AF_INET6 and not group.lower().startswith("ff02:"):
        sys.exit("labnet: IPv6 groups must be link-local (ff02::/16)")


def mcast_recv(args):
    check_group(args.group)
    sock, _, _ = join_group(args.group, args.port, args.interface)
    print("joined", flush=True)
    received = 0
    deadline = time.monotonic() + args.timeout
    while args.count == 0 or received < args.count:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            break
        readable, _, _ = select.select([sock], [], [], remaining)
        if readable:
            data, sender = sock.recvfrom(65536)
            received += 1
            print(f"{data.decode(errors='replace')} from {sender[0]}", flush=True)
    print(f"received {received}", flush=True)
    return 0 if args.count == 0 or received >= args.count else 1


def mcast_send(args):
    check_group(args.group)
    sock, family, index = multicast_socket(args.group, args.interface)
    target = (args.group, args.port) if family == socket.AF_INET else (args.group, args.port, 0, index)
    for number in range(args.count):
        sock.sendto(f"{args.message} {number}".encode(), target)
        if args.interval > 0 and number + 1 < args.count:
            time.sleep(args.interval)
    print(f"sent {args.count}", flush=True)
    return 0


def join_group(group, port, interface):
    """A socket bound to `port` that joined `group` on `interface` (TTL / hop limit 1)."""
    sock, family, index = multicast_socket(group, interface)
    if family == socket.AF_INET:
        sock.bind(("0.0.0.0", port))
        request = struct.pack("=4s4si", socket.inet_aton(group), socket.inet_aton("0.0.0.0"), index)
        sock.setsockopt(socket.IPPROTO_IP, socket.IP_ADD_MEMBERSHIP, request)
    else:
        sock.bind(("::", port))
        request = socket.inet_pton(socket.AF_INET6, group) + struct.pack("=I", index)
        sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_JOIN_GROUP, request)
    return sock, family, index


def mcast_post(args):
    """Each line of stdin as one datagram to the group: the sending half of a harness floor for
    the fast path (bench-latency's multicast rows)."""
    check_group(args.group)
    sock, family, index = multicast_socket(args.group, args.interface)
    target = (args.group, args.port) if family == socket.AF_INET else (args.group, args.port, 0, index)
    pending = b""
    while True:
        chunk = os.read(0, 65536)
        if not chunk:
            return 0
        *lines, pending = (pending + chunk).split(b"\n")
        for line in lines:
            sock.sendto(line, target)


def mcast_tail(args):
    """The receiving half: joins the group and serves the datagrams it receives to clients of
    a Unix socket as a node's `tail` would ({"tailing":true}, then {"entry":{"id":...}} lines),
    so bench-latency reads it exactly as it reads nodes."""
    check_group(args.group)
    sock, _, _ = join_group(args.group, args.port, args.interface)
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(args.socket)
    listener.listen(4)
    clients = []
    print("joined", flush=True)
    while True:
        readable, _, _ = select.select([sock, listener], [], [])
        if listener in readable:
            client, _ = listener.accept()
            request = b""
            while b"\n" not in request:
                chunk = client.recv(4096)
                if not chunk:
                    break
                request += chunk
            client.sendall(b'{"tailing":true}\n')
            clients.append(client)
        if sock in readable:
            lines = []
            while True:
                try:
                    data = sock.recv(65536, socket.MSG_DONTWAIT)
                except BlockingIOError:
                    break
                lines.append(b'{"entry":{"id":"' + data.replace(b'"', b"") + b'"}}\n')
            for client in clients:
                client.sendall(b"".join(lines))


def relay(args):
    """Datagrams b"h" (hello), b"r" (ready: the relays from here on answer) and b"d" + line.
    A relay answers a hello once its own next hop answered, so the first line waits for the
    whole line of relays, as a first message waits for discovery and sessions."""
    target = None
    if args.to:
        if not args.to[0].startswith("10."):
            sys.exit("labnet: relay forwards to lab addresses (10.0.0.0/8) only")
        target = (args.to[0], int(args.to[1]))
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1 << 22)
    sock.bind(("0.0.0.0", args.port))
    ready = target is None
    stdin_open = True
    pending = b""
    out = sys.stdout.buffer
    while True:
        if not ready:
            sock.sendto(b"h", target)
        readers = [sock] + ([0] if ready and stdin_open else [])
        readable, _, _ = select.select(readers, [], [], None if ready else 0.01)
        lines = []
        if sock in readable:
            while True:
                try:
                    data, sender = sock.recvfrom(65536, socket.MSG_DONTWAIT)
                except BlockingIOError:
                    break
                if data == b"h" and ready:
                    sock.sendto(b"r", sender)
                elif data == b"r" and sender == target:
                    ready = True
                elif data.startswith(b"d"):
                    lines.append(data[1:])
            if lines:
                out.write(b"\n".join(lines) + b"\n")
                out.flush()
        if 0 in readable:
            chunk = os.read(0, 65536)
            stdin_open = bool(chunk)
            *complete, pending = (pending + chunk).split(b"\n")
            lines += complete
        if target and ready:
            for line in lines:
                sock.sendto(b"d" + line, target)


def main():
    parser = argparse.ArgumentParser(prog="labnet", description="Kith lab probes (inside lab namespaces only)")
    commands = parser.add_subparsers(dest="command", required=True)

    command = commands.add_parser("ping")
    command.add_argument("address")
    command.add_argument("--timeout", type=float, default=2.0)
    command.set_defaults(run=ping)

    command = commands.add_parser("tcp-listen")
    command.add_argument("port", type=int)
    command.add_argument("--timeout", type=float, default=30.0)
    command.set_defaults(run=tcp_listen)

    command = commands.add_parser("tcp-connect")
    command.add_argument("address")
    command.add_argument("port", type=int)
    command.add_argument("--timeout", type=float, default=2.0)
    command.set_defaults(run=tcp_connect)

    command = commands.add_parser("mcast-recv")
    command.add_argument("group")
    command.add_argument("port", type=int)
    command.add_argument("interface")
    command.add_argument("--count", type=int, default=1, help="0: until the timeout")
    command.add_argument("--timeout", type=float, default=10.0)
    command.set_defaults(run=mcast_recv)

    command = commands.add_parser("mcast-send")
    command.add_argument("group")
    command.add_argument("port", type=int)
    command.add_argument("interface")
    command.add_argument("--count", type=int, default=1)
    command.add_argument("--interval", type=float, default=0.0)
    command.add_argument("--message", default="kith-lab")
    command.set_defaults(run=mcast_send)

    command = commands.add_parser("mcast-post")
    command.add_argument("group")
    command.add_argument("port", type=int)
    command.add_argument("interface")
    command.set_defaults(run=mcast_post)

    command = commands.add_parser("mcast-tail")
    command.add_argument("group")
    command.add_argument("port", type=int)
    command.add_argument("interface")
    command.add_argument("--socket", required=True, help="the Unix socket clients tail")
    command.set_defaults(run=mcast_tail)

    command = commands.add_parser("relay")
    command.add_argument("port", type=int)
    command.add_argument("--to", nargs=2, metavar=("ADDRESS", "PORT"))
    command.set_defaults(run=relay)

    args = parser.parse_args()
    refuse_outside_lab_host()
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
