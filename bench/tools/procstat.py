#!/usr/bin/env python3
"""Reads a server process's CPU time and memory from /proc (Linux, standard library only).

    procstat.py cpu PID            prints utime+stime of PID in microseconds
    procstat.py machine            prints the CPU time all cores spent busy (not idle/iowait) and
                                   the wall clock, both in microseconds: with the server's and
                                   wrk's own CPU it tells how much of the machine other
                                   processes took during a round
    procstat.py watch PID OUT      samples VmRSS every 0.25 s until PID exits or this process is
                                   terminated; keeps OUT up to date with the peak RSS seen and
                                   the kernel's own peak (VmHWM), both in kB
"""
import json
import os
import signal
import sys
import time

TICKS = os.sysconf("SC_CLK_TCK")


def cpu_us(pid):
    with open(f"/proc/{pid}/stat") as f:
        # The command name may contain spaces; the fields after the closing paren are fixed.
        fields = f.read().rsplit(")", 1)[1].split()
    utime, stime = int(fields[11]), int(fields[12])  # fields 14 and 15 of proc(5)
    return (utime + stime) * 1_000_000 // TICKS


def machine_busy_us():
    with open("/proc/stat") as f:
        fields = [int(v) for v in f.readline().split()[1:]]
    # user nice system idle iowait irq softirq steal (guest time is already in user)
    busy = sum(fields[:3]) + sum(fields[5:8])
    return busy * 1_000_000 // TICKS


def memory_kb(pid):
    values = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            key, _, rest = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                values[key] = int(rest.split()[0])
    return values.get("VmRSS", 0), values.get("VmHWM", 0)


def watch(pid, out):
    peak_rss = peak_hwm = samples = 0
    stop = []
    signal.signal(signal.SIGTERM, lambda *_: stop.append(True))
    while not stop:
        try:
            rss, hwm = memory_kb(pid)
        except (FileNotFoundError, ProcessLookupError):
            break
        samples += 1
        peak_rss, peak_hwm = max(peak_rss, rss), max(peak_hwm, hwm)
        tmp = out + ".tmp"
        with open(tmp, "w") as f:
            json.dump({"peakRssKb": peak_rss, "vmHwmKb": peak_hwm, "samples": samples}, f)
        os.replace(tmp, out)
        time.sleep(0.25)


def main():
    if len(sys.argv) >= 3 and sys.argv[1] == "cpu":
        print(cpu_us(int(sys.argv[2])))
    elif len(sys.argv) >= 2 and sys.argv[1] == "machine":
        print(f"{machine_busy_us()}:{time.time_ns() // 1000}")
    elif len(sys.argv) >= 4 and sys.argv[1] == "watch":
        watch(int(sys.argv[2]), sys.argv[3])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
