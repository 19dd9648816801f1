"""Hearth's day planner against PyVRP on generated agency days, each solution scored by one evaluator.

    python compare.py SECONDS HEARTH_BINARY SIZE [SIZE ...]

For each size: generate a day (generate.py, seed 1), plan it with Hearth (`hearth-vrptw --agency-day`), once as it
ships and once with continuity priced at zero; solve it with PyVRP modelled as closely as it allows, once with the
patients' preferred windows as hard windows and once with them relaxed to the whole day (PyVRP has no soft
windows); then score every solution here, the same way: travel, lateness, overtime, unplaced, continuity kept and
hard-rule violations, timing each route from the clinician's shift start with every visit as early as it may begin.

Breaks: each full-time clinician owes a 30-minute lunch between 11:30 and 13:30. PyVRP 0.14.1 cannot model a break
(no break, no task without a location, no time-window on a vehicle's pause); it is modelled as closely as it allows:
the break's 30 minutes are taken off the clinician's shift (overtime starts 30 minutes sooner), its window ignored.
The evaluator places every solver's breaks by one rule, the one Hearth's planner uses (RouteState+Break.swift): in the
wait before a visit when it fits whole, else before the visit that would otherwise push it past its latest start
(unless that makes the visit miss its appointment), else before the drive home when the day runs past the window; a
break starting past its latest start is counted and priced like overtime, a minute at a time.
"""
import json
import math
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from generate import generate

# Hearth's default weights (DayPlanRequest.Weights), in minutes of driving.
LATE, OVERTIME, STRANGER, UNPLACED, MAX_OVERTIME, LATE_BREAK = 2, 3, 30, 480, 60, 3
EARTH_RADIUS_KM, KM_PER_MILE = 6371.0088, 1.609344
STAFF_FOR = {"SN": ("RN", "LPN"), "PT": ("PT",), "OT": ("OT",), "HHA": ("HHA",)}
UNREACHABLE = 100_000
MAX_GIGABYTES = 4


def drive_minutes(a, b, travel):
    """Whole minutes, rounded up, as Hearth's planner counts them: great circle × road factor at an average speed."""
    r = math.pi / 180
    d_lat, d_lon = (b[0] - a[0]) * r, (b[1] - a[1]) * r
    h = math.sin(d_lat / 2) * math.sin(d_lat / 2) + math.cos(a[0] * r) * math.cos(b[0] * r) * math.sin(d_lon / 2) * math.sin(d_lon / 2)
    road = 2 * EARTH_RADIUS_KM * math.asin(min(1, math.sqrt(h))) * travel["roadFactor"] / KM_PER_MILE
    return math.ceil(road / travel["averageSpeedMph"] * 60)


def refusal(visit, clinician):
    """Why the clinician may not make the visit (discipline, an assessment's RN or therapist, skills, lock), or None."""
    allowed = [d for d in STAFF_FOR[visit["discipline"]] if visit["kind"] != "assessment" or d in ("RN", "PT", "OT")]
    if clinician["discipline"] not in allowed:
        return f"{clinician['discipline']} may not make {visit['discipline']} {visit['kind']}"
    if not set(visit["skills"]) <= set(clinician["skills"]):
        return "lacks a skill"
    if visit["locked"] and visit["locked"] != clinician["id"]:
        return f"locked to {visit['locked']}"
    return None


def arrive(lunch, arrival, visit):
    """The visit's start, and the break's start if it is taken on arrival before it (None if not): Hearth's rule."""
    length, latest, ready = lunch["minutes"], lunch["until"] - lunch["minutes"], visit["window"][0]
    starts = max(arrival, lunch["from"])
    if starts + length <= ready and starts <= latest:
        return ready, starts
    begin = max(arrival, ready)
    if begin + visit["minutes"] > latest:
        after = max(starts + length, ready)
        if after <= (visit["window"][1] if visit["appointment"] else 24 * 60) - visit["minutes"]:
            return after, starts
    return begin, None


def evaluate(day, routes):
    """Scores routes ({clinician id: [visit id, ...]}) on the day's terms, timing them here, not trusting the solver."""
    visits = {v["id"]: v for v in day["visits"]}
    clinicians = {c["id"]: c for c in day["clinicians"]}
    score = {"travel": 0, "late": 0, "overtime": 0, "strangers": 0, "lateBreaks": 0, "breakLate": 0, "violations": []}
    placed = {}
    for cid, order in routes.items():
        clinician = clinicians[cid]
        start, end = clinician["shift"]
        t, here, lunch = start, clinician["home"], clinician.get("lunch")
        taken = None if lunch and order else False
        for vid in order:
            visit = visits[vid]
            if vid in placed:
                score["violations"].append(f"{vid} planned twice")
            placed[vid] = cid
            if why := refusal(visit, clinician):
                score["violations"].append(f"{vid} with {cid}: {why}")
            drive = drive_minutes(here, visit["location"], day["travel"])
            score["travel"] += drive
            begin = max(t + drive, visit["window"][0])
            if taken is None:
                begin, taken = arrive(lunch, t + drive, visit)
            finish = begin + visit["minutes"]
            if visit["appointment"] and finish > visit["window"][1]:
                score["violations"].append(f"{vid} runs past its appointment")
            elif not visit["appointment"]:
                score["late"] += max(0, finish - visit["window"][1])
            if visit["familiar"] and cid not in visit["familiar"]:
                score["strangers"] += 1
            t, here = finish, visit["location"]
        home = drive_minutes(here, clinician["home"], day["travel"])
        score["travel"] += home
        back = t + home
        if taken is None and back > lunch["until"]:
            taken = max(t, lunch["from"])
            back = taken + lunch["minutes"] + home
        if taken:
            late = max(0, taken - (lunch["until"] - lunch["minutes"]))
            score["lateBreaks"] += late > 0
            score["breakLate"] += late
        score["overtime"] += max(0, back - end)
        if back > end + MAX_OVERTIME:
            score["violations"].append(f"{cid} home at {back}, past shift end + {MAX_OVERTIME}")
    unplaced = [v for v in day["visits"] if v["id"] not in placed]
    dropped_must = [v["id"] for v in unplaced if v["mustDo"]]
    score["violations"] += [f"must-do {vid} dropped" for vid in dropped_must]
    score["unplaced"] = len(unplaced)
    score["mustDropped"] = len(dropped_must)
    had = [v for v in day["visits"] if v["familiar"]]
    kept = sum(1 for v in had if placed.get(v["id"]) in v["familiar"])
    score["continuity"] = 100 * kept / len(had) if had else 100.0
    # What PyVRP minimises here (it has no lateness nor continuity terms): the same solution on PyVRP's own terms.
    score["pyvrpObjective"] = score["travel"] + OVERTIME * score["overtime"] + UNPLACED * (len(unplaced) - len(dropped_must))
    score["objective"] = (score["travel"] + LATE * score["late"] + OVERTIME * score["overtime"] + STRANGER * score["strangers"]
                          + LATE_BREAK * score["breakLate"] + UNPLACED * (len(unplaced) - len(dropped_must)))
    return score


def hearth(path, seconds, binary, stranger=None):
    command = [binary, "--agency-day", str(path), "--seconds", str(seconds), "--seed", "1"]
    if stranger is not None:
        command += ["--stranger", str(stranger)]
    began = time.monotonic()
    answer = json.loads(subprocess.run(command, capture_output=True, text=True, check=True).stdout)
    took = time.monotonic() - began
    print(f"  Hearth: {answer['iterations']} iterations, {took:.1f} s wall", file=sys.stderr)
    if answer["checkerViolations"]:
        print(f"  Hearth's own checker: {answer['checkerViolations'][:3]}", file=sys.stderr)
    return {r["clinician"]: [s["visit"] for s in r["stops"]] for r in answer["routes"]}, took


_matrices = {}


def points_of(day):
    """PyVRP's locations: the clinicians' homes, then the visits."""
    return [c["home"] for c in day["clinicians"]] + [v["location"] for v in day["visits"]]


def travel_matrix(points, travel):
    """Whole driving minutes between every pair of points (symmetric), built once per day for both PyVRP runs."""
    import numpy as np
    key = (len(points), tuple(points[0]), tuple(points[-1]))
    if key not in _matrices:
        n = len(points)
        matrix = np.zeros((n, n), dtype=np.int64)
        for i in range(n):
            row = [drive_minutes(points[i], points[j], travel) for j in range(i + 1, n)]
            matrix[i, i + 1:] = row
            matrix[i + 1:, i] = row
        _matrices.clear()
        _matrices[key] = matrix
    return _matrices[key]


def pyvrp_data(day, hard_preferences, continuity=False):
    """The day in PyVRP's terms: a vehicle type per clinician (home to home, the shift, overtime priced as Hearth prices
    it), a routing profile per set of visits a clinician may make (the others unreachable), must-do visits required
    and the rest optional with Hearth's drop penalty as prize. Soft lateness has no place here. With `continuity`, a
    profile per clinician whose distances into a visit they are a stranger to carry Hearth's stranger cost: exact, but
    two n×n matrices per clinician (about 26 GB for 2,000 visits and 309 clinicians)."""
    import numpy as np
    from pyvrp import Client, Depot, Location, ProblemData, VehicleType

    clinicians, visits, travel = day["clinicians"], day["visits"], day["travel"]
    points = points_of(day)
    m = len(clinicians)
    base = travel_matrix(points, travel)
    reach = {}
    profile_of = []
    for c in clinicians:
        key = tuple(j for j, v in enumerate(visits) if refusal(v, c) is None)
        if continuity:
            key = (c["id"],) + key
        profile_of.append(reach.setdefault(key, len(reach)))
    distances, durations = [], []
    for key in reach:
        matrix = base.copy()
        blocked = np.ones(len(visits), dtype=bool)
        blocked[[j for j in key if isinstance(j, int)]] = False
        # Rows too: never driven, but PyVRP's granular neighbourhoods take each edge's cheapest profile, so two visits are
        # near only where one clinician may make both.
        matrix[:, m + np.flatnonzero(blocked)] = UNREACHABLE
        matrix[m + np.flatnonzero(blocked), :] = UNREACHABLE
        np.fill_diagonal(matrix, 0)
        durations.append(matrix)
        if continuity:
            stranger = [m + j for j, v in enumerate(visits) if v["familiar"] and key[0] not in v["familiar"] and not blocked[j]]
            matrix = matrix.copy()
            matrix[:, stranger] += STRANGER
            np.fill_diagonal(matrix, 0)
        distances.append(matrix)
    locations = [Location(x=int(p[1] * 1e5), y=int(p[0] * 1e5)) for p in points]
    depots = [Depot(location=k) for k in range(m)]
    clients = []
    for j, v in enumerate(visits):
        lo, hi = v["window"]
        latest = hi - v["minutes"] if v["appointment"] or hard_preferences else 24 * 60 - v["minutes"]
        clients.append(Client(location=m + j, service_duration=v["minutes"], tw_early=lo, tw_late=latest,
                              prize=0 if v["mustDo"] else UNPLACED, required=v["mustDo"], name=v["id"]))
    vehicle_types = []
    for k, c in enumerate(clinicians):
        start, end = c["shift"]
        lunch = c["lunch"]["minutes"] if "lunch" in c else 0  # no breaks in PyVRP: the lunch's time comes off the shift
        vehicle_types.append(VehicleType(num_available=1, start_depot=k, end_depot=k, tw_early=start, start_late=start,
                                         tw_late=end + MAX_OVERTIME - lunch, shift_duration=end - start - lunch, max_overtime=MAX_OVERTIME,
                                         unit_overtime_cost=OVERTIME, unit_distance_cost=1, unit_duration_cost=0,
                                         profile=profile_of[k], name=c["id"]))
    data = ProblemData(locations, clients, depots, vehicle_types, distances, durations)
    return data, len(reach)


def pyvrp(day, seconds, hard_preferences, continuity=False):
    from pyvrp import solve
    from pyvrp.stop import MaxRuntime
    began = time.monotonic()
    data, profiles = pyvrp_data(day, hard_preferences, continuity)
    print(f"  PyVRP model: {profiles} routing profiles, built in {time.monotonic() - began:.1f} s (not counted)", file=sys.stderr)
    began = time.monotonic()
    result = solve(data, stop=MaxRuntime(seconds), seed=1, display=False)
    took = time.monotonic() - began
    print(f"  PyVRP: {result.num_iterations} iterations, {result.runtime:.1f} s by its own clock, {took:.1f} s wall", file=sys.stderr)
    if not result.best.is_feasible():
        print("  PyVRP: best solution infeasible", file=sys.stderr)
    routes = {}
    for route in result.best.routes():
        cid = day["clinicians"][route.vehicle_type()]["id"]
        routes[cid] = [day["visits"][a.idx]["id"] for a in route if a.is_client()]
    return routes, took


def main():
    seconds, binary, sizes = float(sys.argv[1]), sys.argv[2], [int(s) for s in sys.argv[3:]]
    print(f"time limit {seconds:g} s per solver per day, one solver at a time (single-threaded each); seed 1\n")
    for size in sizes:
        day = generate(size, 1)
        visits = day["visits"]
        print(f"### {size} visits, {len(day['clinicians'])} clinicians — {sum(v['mustDo'] for v in visits)} must-do, "
              f"{sum(v['appointment'] for v in visits)} appointments, {sum(1 for v in visits if v['familiar'])} with a familiar clinician, "
              f"{sum(1 for v in visits if v['locked'])} locked, {sum(1 for c in day['clinicians'] if 'lunch' in c)} clinicians owe a lunch break "
              "(PyVRP cannot model breaks: their time is taken off its shifts)\n")
        print("| solver | travel min | late min | overtime min | late breaks (min) | unplaced (must-do) | continuity kept | violations | Hearth's objective | PyVRP's objective | seconds |")
        print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
        began = time.monotonic()
        travel_matrix(points_of(day), day["travel"])  # for PyVRP, outside its timing, as Hearth's JSON is written outside Hearth's
        print(f"  {size}: travel matrix for PyVRP built in {time.monotonic() - began:.1f} s", file=sys.stderr)
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "day.json"
            path.write_text(json.dumps(day))
            runs = [("Hearth", lambda: hearth(path, seconds, binary)),
                    ("Hearth, continuity unpriced", lambda: hearth(path, seconds, binary, stranger=0)),
                    ("PyVRP 0.14.1, preferred windows hard", lambda: pyvrp(day, seconds, True)),
                    ("PyVRP 0.14.1, preferred windows relaxed", lambda: pyvrp(day, seconds, False))]
            gigabytes = 2 * len(day["clinicians"]) * (len(day["clinicians"]) + size) ** 2 * 8 / 1e9
            if gigabytes < MAX_GIGABYTES:
                runs.append(("PyVRP 0.14.1, preferred windows hard, a profile per clinician pricing strangers",
                             lambda: pyvrp(day, seconds, True, continuity=True)))
            for name, run in runs:
                routes, took = run()
                s = evaluate(day, routes)
                for why in s["violations"][:5]:
                    print(f"  {name}: {why}", file=sys.stderr)
                print(f"| {name} | {s['travel']} | {s['late']} | {s['overtime']} | {s['lateBreaks']} ({s['breakLate']}) | {s['unplaced']} ({s['mustDropped']}) | {s['continuity']:.1f}% "
                      f"| {len(s['violations'])} | {s['objective']} | {s['pyvrpObjective']} | {took:.1f} |", flush=True)
            if gigabytes >= MAX_GIGABYTES:
                print(f"| PyVRP 0.14.1, preferred windows hard, a profile per clinician pricing strangers | not run: needs {gigabytes:.0f} GB "
                      "of matrices | | | | | | | | | |")
        print()


if __name__ == "__main__":
    main()
