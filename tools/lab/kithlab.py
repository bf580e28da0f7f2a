"""kithlab: what Kith's lab benchmarks share: the namespace lab (tools/lab/lab.sh), `kith`
processes running in it, their control sockets, and figures.

Imported by tools/lab/bench-mesh, bench-scale, bench-stranger and bench-latency; not a program
of its own. Root only,
like the lab: nothing is created in, sent from or aimed at the machine's own network namespace.
"""

import json
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time

SCRIPT_DIR = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(SCRIPT_DIR))
LAB_SH = os.path.join(SCRIPT_DIR, "lab.sh")

class Interrupted(Exception):
    """A signal (Ctrl-C, SIGTERM, SIGHUP) asked the benchmark to stop."""


class BenchFailure(Exception):
    """Something the benchmark needs did not happen (a node did not start, a session never came)."""


def now():
    return time.monotonic()


def log(text):
    """Progress, on standard error, so standard output holds only the report."""
    print(f"[{time.strftime('%H:%M:%S')}] {text}", file=sys.stderr, flush=True)


# ------------------------------------------------------------------------------------------------
# The lab


class Lab:
    """A lab of tools/lab/lab.sh with its own prefix; `destroy` removes every namespace of it."""

    def __init__(self, prefix):
        self.prefix = prefix
        self.directory = f"/tmp/kith-lab-{prefix}"
        self.env = dict(os.environ, LAB_PREFIX=prefix, LAB_DIR=self.directory)
        self.hosts = {}  # host -> [bridges]

    def run(self, *args, capture=False):
        # A session of its own: a Ctrl-C at the terminal reaches the benchmark, not lab.sh.
        result = subprocess.run(
            [LAB_SH, *args], env=self.env, start_new_session=True, text=True,
            stdout=subprocess.PIPE if capture else subprocess.DEVNULL, stderr=subprocess.PIPE)
        if result.returncode != 0:
            raise BenchFailure(f"lab.sh {' '.join(args)}: {result.stderr.strip()}")
        return result.stdout.strip() if capture else ""

    def create_bridge(self, name):
        self.run("create-bridge", name)

    def create_host(self, name, bridge):
        self.run("create-host", name, bridge)
        self.hosts[name] = [bridge]
        self.install_counters(name)
        self.wire_sized_segments(name, bridge)

    def connect(self, host, bridge):
        self.run("connect", host, bridge)
        self.hosts[host].append(bridge)
        self.wire_sized_segments(host, bridge)

    def wire_sized_segments(self, host, bridge):
        """veth offloads TCP segmentation: without this, one 64 KiB "frame" crosses the bridge
        where a real Ethernet link carries ~45. One segment per skb makes the counted frames and
        their headers those of a 1500-byte-MTU wire."""
        subprocess.run(["ip", "-n", self.netns(host), "link", "set", f"e-{bridge}",
                        "gso_max_segs", "1"], check=True, start_new_session=True)

    def netns(self, host):
        return f"{self.prefix}-h-{host}"

    def ns_run(self, host, *command):
        result = subprocess.run(
            ["ip", "netns", "exec", self.netns(host), *command], start_new_session=True,
            text=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        if result.returncode != 0:
            raise BenchFailure(f"{' '.join(command)} in {host}: {result.stderr.strip()}")
        return result.stdout

    def install_counters(self, host):
        """nftables counters of TCP and UDP packets and bytes in and out of the host's links.
        Datagrams a host loops back to itself (its own multicast) are counted apart."""
        rules = """
table inet mbench {
    counter tcp_in {}
    counter tcp_out {}
    counter udp_in {}
    counter udp_out {}
    counter udp_looped {}
    chain input {
        type filter hook input priority 0; policy accept;
        iifname "lo" return
        meta l4proto tcp counter name "tcp_in"
        meta l4proto udp fib saddr type local counter name "udp_looped"
        meta l4proto udp fib saddr type != local counter name "udp_in"
    }
    chain output {
        type filter hook output priority 0; policy accept;
        oifname "lo" return
        meta l4proto tcp counter name "tcp_out"
        meta l4proto udp counter name "udp_out"
    }
}
"""
        result = subprocess.run(
            ["ip", "netns", "exec", self.netns(host), "nft", "-f", "-"], input=rules, text=True,
            start_new_session=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        if result.returncode != 0:
            raise BenchFailure(f"nft counters in {host}: {result.stderr.strip()}")

    def counters(self, host):
        """{'tcp_out': (packets, bytes), ..., 'link_tx': (packets, bytes), 'link_rx': ...}"""
        values = {}
        listing = json.loads(self.ns_run(host, "nft", "-j", "list", "counters", "table", "inet",
                                         "mbench"))
        for item in listing.get("nftables", []):
            counter = item.get("counter")
            if counter:
                values[counter["name"]] = (counter["packets"], counter["bytes"])
        links = json.loads(subprocess.run(
            ["ip", "-n", self.netns(host), "-s", "-j", "link", "show"], text=True,
            stdout=subprocess.PIPE, check=True).stdout)
        tx = [0, 0]
        rx = [0, 0]
        for link in links:
            if link.get("ifname", "").startswith("e-"):
                stats = link.get("stats64", {})
                tx[0] += stats["tx"]["packets"]
                tx[1] += stats["tx"]["bytes"]
                rx[0] += stats["rx"]["packets"]
                rx[1] += stats["rx"]["bytes"]
        values["link_tx"] = tuple(tx)
        values["link_rx"] = tuple(rx)
        return values

    def link_addresses(self, host, bridge):
        """(MAC, IPv4, IPv6 link-local) of the host's interface on `bridge`."""
        device = f"e-{bridge}"
        deadline = now() + 10
        while True:
            info = json.loads(subprocess.run(
                ["ip", "-n", self.netns(host), "-j", "addr", "show", device], text=True,
                check=True, stdout=subprocess.PIPE).stdout)[0]
            ipv4 = next((a["local"] for a in info.get("addr_info", []) if a["family"] == "inet"),
                        None)
            ipv6 = next((a["local"] for a in info.get("addr_info", [])
                         if a["family"] == "inet6" and a.get("scope") == "link"
                         and not a.get("tentative")), None)
            if ipv4 and ipv6:
                return info["address"], ipv4, ipv6
            if now() > deadline:
                raise BenchFailure(f"{host} {device}: no usable addresses")
            time.sleep(0.1)

    def static_neighbours(self, per_bridge):
        """Permanent neighbour entries (IPv4 and IPv6) for every other host of each bridge, inside
        each namespace: past ~40 hosts on a bridge the kernel's neighbour table, shared by every
        namespace of the machine, overflows (../shared/lab.md)."""
        log("adding static neighbour entries")
        for bridge, members in per_bridge.items():
            addresses = {host: self.link_addresses(host, bridge) for host in members}
            for host in members:
                commands = []
                for other, (mac, *addresses_of_other) in addresses.items():
                    if other != host:
                        commands += [f"neigh replace {address} lladdr {mac} dev e-{bridge} "
                                     "nud permanent" for address in addresses_of_other]
                subprocess.run(["ip", "-n", self.netns(host), "-batch", "-"],
                               input="\n".join(commands) + "\n", text=True, check=True,
                               stdout=subprocess.DEVNULL)

    def destroy(self):
        subprocess.run([LAB_SH, "destroy"], env=self.env, start_new_session=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def counter_delta(before, after):
    return {key: (after[key][0] - before[key][0], after[key][1] - before[key][1])
            for key in after if key in before}


# ------------------------------------------------------------------------------------------------
# Processes


class LineReader:
    """Reads a pipe on a thread; keeps every line with the monotonic time it was read."""

    def __init__(self, stream):
        self.lines = []  # (time, text)
        self.closed = False
        self.condition = threading.Condition()
        self.thread = threading.Thread(target=self._read, args=(stream.fileno(),), daemon=True)
        self.thread.start()

    def _read(self, descriptor):
        pending = b""
        while True:
            try:
                chunk = os.read(descriptor, 65536)
            except OSError:
                chunk = b""
            stamp = now()
            if not chunk:
                break
            pending += chunk
            *complete, pending = pending.split(b"\n")
            if complete:
                with self.condition:
                    for raw in complete:
                        self.lines.append((stamp, raw.decode("utf-8", "replace")))
                    self.condition.notify_all()
        with self.condition:
            self.closed = True
            self.condition.notify_all()

    def wait_for(self, pattern, deadline, start=0):
        """The (time, line) of the first line from index `start` matching `pattern`, or None."""
        regex = re.compile(pattern)
        index = start
        with self.condition:
            while True:
                while index < len(self.lines):
                    if regex.search(self.lines[index][1]):
                        return self.lines[index]
                    index += 1
                remaining = deadline - now()
                if remaining <= 0 or self.closed:
                    return None
                self.condition.wait(min(remaining, 0.2))

    def snapshot(self):
        with self.condition:
            return list(self.lines)


class KithProcess:
    """`kith node` or `kith chat` running in a lab host, its output read as it comes."""

    def __init__(self, bench, name, host, home, command="node", interfaces=(), verbose=False,
                 extra=()):
        self.bench = bench
        self.name = name
        self.host = host
        self.home = home
        self.command = command
        arguments = [bench.kith, command, "--home", home]
        for interface in interfaces:
            arguments += ["--interface", interface]
        if verbose:
            arguments.append("--verbose")
        arguments += list(extra)
        self.arguments = arguments
        self.started = now()
        self.process = subprocess.Popen(
            [LAB_SH, "exec", host, *arguments], env=bench.lab.env, start_new_session=True,
            stdin=subprocess.PIPE if command == "chat" else subprocess.DEVNULL,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, bufsize=0)
        bench.processes.append(self)
        self.pid = self.process.pid
        self.stdout = LineReader(self.process.stdout)
        self.stderr = LineReader(self.process.stderr)

    def post(self, text):
        """Writes one line to the chat's standard input; returns the time it was written."""
        data = (text + "\n").encode()
        stamp = now()
        try:
            os.write(self.process.stdin.fileno(), data)
        except BrokenPipeError:
            self.check_alive()
            raise
        return stamp

    def status(self):
        return control_status(self.home)

    def cpu_seconds(self):
        """utime + stime of the process so far, from /proc/PID/stat."""
        with open(f"/proc/{self.pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def cpu_nanoseconds(self):
        """The process's CPU time in ns, threads that ended included: its process CPU-time
        clock (clock_getcpuclockid: CPUCLOCK_SCHED of the pid), finer than utime + stime,
        which count 10 ms ticks."""
        return time.clock_gettime_ns(((~self.pid) << 3) | 2)

    def resident_mib(self):
        with open(f"/proc/{self.pid}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
        return 0.0

    def check_alive(self):
        if self.process.poll() is not None:
            tail = "\n".join(line for _, line in self.stderr.snapshot()[-8:])
            raise BenchFailure(
                f"{self.name} ({' '.join(self.arguments[1:])}) exited with status "
                f"{self.process.returncode}:\n{tail}")

    def stop(self):
        if self.process.poll() is None:
            try:
                self.process.send_signal(signal.SIGTERM)
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)
            except ProcessLookupError:
                pass
        for stream in (self.process.stdin, self.process.stdout, self.process.stderr):
            if stream:
                try:
                    stream.close()
                except OSError:
                    pass
        if self in self.bench.processes:
            self.bench.processes.remove(self)
        self.bench.keep_log(self)


def post_paced(sender, token, count, interval):
    """Posts `TOKEN-0` to `TOKEN-(count-1)` to a chat's stdin, one every `interval` seconds;
    returns {index: time written}."""
    starts = {}
    first = now() + 0.05
    for index in range(count):
        pause = first + index * interval - now()
        if pause > 0:
            time.sleep(pause)
        starts[index] = sender.post(f"{token}-{index}")
    return starts


def arrivals(lines, token):
    """{index: time} of the first of the (time, line) pairs ending in `TOKEN-INDEX`, per index."""
    pattern = re.compile(rf"{token}-(\d+)$")
    seen = {}
    for stamp, line in lines:
        match = pattern.search(line)
        if match and int(match.group(1)) not in seen:
            seen[int(match.group(1))] = stamp
    return seen


def control_request(home, request, timeout=10.0):
    """One request on the node's control socket; the answer as a dict."""
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as client:
        client.settimeout(timeout)
        client.connect(os.path.join(home, "control.sock"))
        client.sendall((json.dumps(request) + "\n").encode())
        data = b""
        while not data.endswith(b"\n"):
            chunk = client.recv(65536)
            if not chunk:
                break
            data += chunk
    return json.loads(data)


def control_status(home, timeout=2.0):
    """The node's `status` over its control socket (Protocol/control.md), or None."""
    try:
        response = control_request(home, {"op": "status"}, timeout)
        return response.get("status") if response.get("ok") else None
    except (OSError, ValueError):
        return None


def run_bench(bench, prefixes):
    """Runs `bench.run()` and always `bench.cleanup()`, on success, failure and SIGINT, SIGTERM
    or SIGHUP; then checks that no namespace whose name starts with one of `prefixes` is left.
    Exits with 0, 1 (failure or leftovers) or 130 (interrupted)."""

    def interrupt(number, frame):
        raise Interrupted(signal.Signals(number).name)

    for number in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(number, interrupt)
    status = 0
    try:
        bench.run()
    except Interrupted as signal_name:
        log(f"interrupted ({signal_name}); cleaning up")
        status = 130
    except BenchFailure as failure:
        log(f"FAILED: {failure}")
        status = 1
    finally:
        for number in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
            signal.signal(number, signal.SIG_IGN)
        bench.cleanup()
        left = [name for name in subprocess.run(["ip", "netns", "list"], text=True,
                                                stdout=subprocess.PIPE).stdout.split()
                if name.startswith(tuple(prefixes))]
        if left:
            log(f"namespaces left behind: {' '.join(left)}")
            status = status or 1
    sys.exit(status)


# ------------------------------------------------------------------------------------------------
# Figures


def percentile(values, fraction):
    """Nearest-rank percentile of a non-empty list."""
    ordered = sorted(values)
    rank = max(1, int(-(-fraction * len(ordered) // 1)))
    return ordered[min(rank, len(ordered)) - 1]


def describe_ms(values):
    if not values:
        return "no samples"
    ms = [value * 1000 for value in values]
    return (f"p50 {percentile(ms, 0.5):7.2f}  p90 {percentile(ms, 0.9):7.2f}  "
            f"p99 {percentile(ms, 0.99):7.2f}  min {min(ms):6.2f}  max {max(ms):7.2f}  "
            f"mean {statistics.fmean(ms):6.2f}")


def rate(value):
    return f"{value:,.0f}"


def fdatasync_median(directory, count=200):
    """The median time (s) of one fdatasync after a small write in `directory`'s file system: the
    floor under a durable post."""
    path = os.path.join(directory, "fdatasync-probe")
    samples = []
    with open(path, "wb") as probe:
        for _ in range(count):
            probe.write(b"x" * 200)
            probe.flush()
            start = now()
            os.fdatasync(probe.fileno())
            samples.append(now() - start)
    os.unlink(path)
    return statistics.median(samples)
