"""Hearth's route optimizer against PyVRP and OR-Tools on VRPLIB VRPTW instances, same time limit each, one at a time.

Every solver's routes are re-checked here (all customers once, capacity, time windows, return to the depot) and
costed under the DIMACS convention (Euclidean distance truncated to one decimal); the gap is to the .sol's cost.
"""
import math
import subprocess
import sys
import time
from pathlib import Path

import vrplib


def truncated(instance):
    coords = instance["node_coord"]
    n = len(coords)
    d = [[0.0] * n for _ in range(n)]
    for i in range(n):
        for j in range(n):
            if i != j:
                d[i][j] = math.floor(10 * math.hypot(coords[i][0] - coords[j][0], coords[i][1] - coords[j][1])) / 10
    return d


def check(instance, d, routes):
    """Cost of `routes` (customer numbers 1..n), or a reason they break a rule."""
    n = len(d)
    seen = sorted(c for r in routes for c in r)
    if seen != list(range(1, n)):
        return None, f"visits {len(seen)} customers (of {n - 1}), or some twice"
    if len([r for r in routes if r]) > instance.get("vehicles", n):
        return None, "uses more vehicles than the instance has"
    tw, service, demand, cap = instance["time_window"], instance["service_time"], instance["demand"], instance["capacity"]
    cost = 0.0
    for r in routes:
        t, here, load = tw[0][0], 0, 0
        for c in r:
            t = max(t + d[here][c], tw[c][0])
            if t > tw[c][1] + 1e-6:
                return None, f"customer {c} starts at {t} after its window closes at {tw[c][1]}"
            t += service[c] if hasattr(service, "__len__") else service
            load += demand[c]
            cost += d[here][c]
            here = c
        cost += d[here][0]
        if t + d[here][0] > tw[0][1] + 1e-6:
            return None, "a route returns after the depot closes"
        if load > cap:
            return None, "a route carries more than the capacity"
    return round(cost, 1), None


def hearth(path, seconds, binary):
    out = subprocess.run([binary, str(path), "--seconds", str(seconds), "--seed", "1"], capture_output=True, text=True, check=True).stdout
    return [[int(c) for c in line.split(":")[1].split()] for line in out.splitlines() if line.startswith("Route #")]


def pyvrp_routes(path, seconds):
    from pyvrp import read, solve
    from pyvrp.stop import MaxRuntime
    data = read(path, round_func="dimacs")
    result = solve(data, stop=MaxRuntime(seconds), seed=1, display=False)
    if not result.best.is_feasible():
        return []
    # A client activity's idx counts clients from 0; in VRPLIB numbering the depot is 0 and clients follow.
    return [[a.idx + data.num_depots for a in route if a.is_client()] for route in result.best.routes()]


def ortools_routes(path, seconds, instance, d):
    from ortools.constraint_solver import pywrapcp, routing_enums_pb2
    n, vehicles = len(d), instance.get("vehicles", len(d))
    scaled = [[int(round(10 * x)) for x in row] for row in d]
    service = instance["service_time"]
    svc = [int(round(10 * (service[i] if hasattr(service, "__len__") else service))) for i in range(n)]
    svc[0] = 0
    manager = pywrapcp.RoutingIndexManager(n, vehicles, 0)
    routing = pywrapcp.RoutingModel(manager)
    dist = routing.RegisterTransitCallback(lambda i, j: scaled[manager.IndexToNode(i)][manager.IndexToNode(j)])
    routing.SetArcCostEvaluatorOfAllVehicles(dist)
    timecb = routing.RegisterTransitCallback(
        lambda i, j: svc[manager.IndexToNode(i)] + scaled[manager.IndexToNode(i)][manager.IndexToNode(j)])
    horizon = int(10 * instance["time_window"][0][1])
    routing.AddDimension(timecb, horizon, horizon, False, "Time")
    time_dim = routing.GetDimensionOrDie("Time")
    for node in range(1, n):
        lo, hi = instance["time_window"][node]
        time_dim.CumulVar(manager.NodeToIndex(node)).SetRange(int(math.ceil(10 * lo)), int(10 * hi))
    demand = [int(x) for x in instance["demand"]]
    load = routing.RegisterUnaryTransitCallback(lambda i: demand[manager.IndexToNode(i)])
    routing.AddDimensionWithVehicleCapacity(load, 0, [int(instance["capacity"])] * vehicles, True, "Load")
    params = pywrapcp.DefaultRoutingSearchParameters()
    params.first_solution_strategy = routing_enums_pb2.FirstSolutionStrategy.PATH_CHEAPEST_ARC
    params.local_search_metaheuristic = routing_enums_pb2.LocalSearchMetaheuristic.GUIDED_LOCAL_SEARCH
    params.time_limit.FromMilliseconds(int(seconds * 1000))
    solution = routing.SolveWithParameters(params)
    if solution is None:
        return []
    routes = []
    for v in range(vehicles):
        index, route = routing.Start(v), []
        index = solution.Value(routing.NextVar(index))
        while not routing.IsEnd(index):
            route.append(manager.IndexToNode(index))
            index = solution.Value(routing.NextVar(index))
        routes.append(route)
    return routes


def main():
    folder, seconds, binary = Path(sys.argv[1]), float(sys.argv[2]), sys.argv[3]
    names = sys.argv[4:]
    print(f"time limit {seconds:g} s per solver per instance, one solver at a time (single-threaded each)\n")
    print("| instance | best known | Hearth | gap | PyVRP 0.14.1 | gap | OR-Tools 9.15 (GLS) | gap |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    totals = {"hearth": [], "pyvrp": [], "ortools": []}
    for name in names:
        path = folder / f"{name}.vrp"
        instance = vrplib.read_instance(str(path))
        bks = vrplib.read_solution(str(folder / f"{name}.sol"))["cost"]
        d = truncated(instance)
        cells = [name, f"{bks:.1f}"]
        for key, run in (("hearth", lambda: hearth(path, seconds, binary)), ("pyvrp", lambda: pyvrp_routes(path, seconds)),
                         ("ortools", lambda: ortools_routes(path, seconds, instance, d))):
            began = time.monotonic()
            routes = run()
            cost, why = check(instance, d, routes) if routes else (None, "no feasible solution in time")
            took = time.monotonic() - began
            if cost is None:
                cells += [f"infeasible ({why})", "—"]
                print(f"  {name} {key}: {why} ({took:.1f} s)", file=sys.stderr)
            else:
                gap = 100 * (cost - bks) / bks
                totals[key].append(gap)
                cells += [f"{cost:.1f}", f"{gap:.2f}%"]
                print(f"  {name} {key}: {cost:.1f} ({gap:.2f}%) in {took:.1f} s", file=sys.stderr)
        print("| " + " | ".join(cells) + " |", flush=True)
    means = [f"{sum(g) / len(g):.2f}%" if g else "—" for g in totals.values()]
    print(f"| mean gap | | | {means[0]} | | {means[1]} | | {means[2]} |")


if __name__ == "__main__":
    main()
