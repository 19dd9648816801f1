"""A generated home-health agency day, from a seed, as JSON (standard library only).

A metro area about 40 km across around Philadelphia: patients in neighbourhood clusters and spread between them,
clinicians with home bases, 8–9 h shifts (some part-time), RN/LPN/PT/OT/aide disciplines with skills, about one
clinician per 6–7 visits; each full-time clinician owes a 30-minute lunch taken between 11:30 and 13:30 (part-time
shifts none; no random draw, so the visits are those of the days generated before breaks). Visits last 30–75 min by discipline; most have a 2–4 h preferred window, some a fixed
appointment, some all day; a few are starts of care (must do); ~70% of patients have a familiar clinician; a few
visits are locked to a clinician. Times are minutes after midnight.

    python3 generate.py VISITS [SEED] > day.json
"""
import json
import math
import random
import sys

CENTER = (39.95, -75.16)
RADIUS_KM = 20.0
# Clinician skill sets by discipline, with how often each is held: a small menu, as agencies staff to it.
SKILL_MENU = {
    "RN": [((), 3), (("wound care",), 3), (("wound care", "IV"), 2), (("IV", "pediatric"), 1), (("wound care", "IV", "pediatric"), 1)],
    "LPN": [((), 2), (("wound care",), 1)],
    "PT": [((), 4), (("pediatric",), 1)],
    "OT": [((), 4), (("pediatric",), 1)],
    "HHA": [((), 1)],
}
# Who may make a visit of each discipline (routine); a start of care is an RN's (or a therapist's, therapy only).
STAFF_FOR = {"SN": ("RN", "LPN"), "PT": ("PT",), "OT": ("OT",), "HHA": ("HHA",)}
SHIFTS = [((480, 990), 5), ((510, 1020), 3), ((450, 990), 2), ((540, 1050), 2)]  # 8–9 h
PART_TIME = [((480, 780), 1), ((720, 1020), 1), ((540, 840), 1)]  # 5 h
LUNCH = {"from": 690, "until": 810, "minutes": 30}


def pick(rng, weighted):
    return rng.choices([value for value, _ in weighted], weights=[w for _, w in weighted])[0]


def point(rng, clusters):
    """A location: two in three in a neighbourhood cluster (σ 2.5 km), the rest anywhere in the metro disk."""
    if rng.random() < 0.66:
        lat, lon = rng.choice(clusters)
        dy, dx = rng.gauss(0, 2.5), rng.gauss(0, 2.5)
    else:
        r, a = RADIUS_KM * math.sqrt(rng.random()), rng.random() * 2 * math.pi
        lat, lon, dy, dx = CENTER[0], CENTER[1], r * math.sin(a), r * math.cos(a)
    return [round(lat + dy / 111.32, 6), round(lon + dx / (111.32 * math.cos(math.radians(CENTER[0]))), 6)]


def km(a, b):
    return math.hypot((a[0] - b[0]) * 111.32, (a[1] - b[1]) * 111.32 * math.cos(math.radians(CENTER[0])))


def generate(count, seed):
    rng = random.Random(seed)
    clusters = []
    for _ in range(8):
        r, a = 0.7 * RADIUS_KM * math.sqrt(rng.random()), rng.random() * 2 * math.pi
        clusters.append((CENTER[0] + r * math.sin(a) / 111.32, CENTER[1] + r * math.cos(a) / (111.32 * math.cos(math.radians(CENTER[0])))))
    staff = round(count / 6.5)
    mix = [("RN", 0.36), ("LPN", 0.12), ("PT", 0.22), ("OT", 0.08), ("HHA", 0.22)]
    disciplines = [d for d, share in mix for _ in range(max(1, round(staff * share)))]
    clinicians = []
    for k, discipline in enumerate(disciplines):
        part_time = rng.random() < 0.15
        clinicians.append({
            "id": f"c{k}", "name": f"Clinician {k}", "discipline": discipline, "home": point(rng, clusters),
            "shift": list(pick(rng, PART_TIME if part_time else SHIFTS)),
            "skills": list(pick(rng, SKILL_MENU[discipline]))})
        if not part_time:
            clinicians[-1]["lunch"] = LUNCH

    def eligible(visit):
        allowed = [d for d in STAFF_FOR[visit["discipline"]] if visit["kind"] != "assessment" or d in ("RN", "PT", "OT")]
        return [c for c in clinicians if c["discipline"] in allowed and set(visit["skills"]) <= set(c["skills"])]

    visits = []
    for k in range(count):
        discipline = pick(rng, [("SN", 50), ("PT", 22), ("OT", 8), ("HHA", 20)])
        must_do = discipline in ("SN", "PT") and rng.random() < 0.06
        kind = "assessment" if must_do else "routine"
        skills = []
        if discipline == "SN":
            roll = rng.random()
            skills = ["wound care"] if roll < 0.2 else ["IV"] if roll < 0.27 else ["pediatric"] if roll < 0.3 else []
        elif discipline in ("PT", "OT") and rng.random() < 0.05:
            skills = ["pediatric"]
        minutes = 75 if must_do else rng.choice({"SN": [30, 45, 45, 60], "PT": [45, 60], "OT": [45, 60], "HHA": [45, 60, 60, 75]}[discipline])
        roll = rng.random()
        if roll < 0.15:  # a fixed appointment: the visit inside a 30-minute slack
            opens = rng.randrange(540, 930, 15)
            window, appointment = [opens, opens + minutes + 30], True
        elif roll < 0.75:  # the patient's preference: 2–4 h
            width = rng.choice([120, 180, 240])
            opens = rng.randrange(480, 1080 - width + 1, 30)
            window, appointment = [opens, opens + width], False
        else:  # any time in the working day
            window, appointment = [480, 1020], False
        visit = {"id": f"v{k}", "location": point(rng, clusters), "minutes": minutes, "window": window, "appointment": appointment,
                 "discipline": discipline, "kind": kind, "skills": skills, "mustDo": must_do, "familiar": [], "locked": None}
        who = eligible(visit)
        if not who:  # no one on staff holds the skill: drop the skill rather than make an unplaceable visit
            visit["skills"] = []
            who = eligible(visit)
        near = sorted(who, key=lambda c: km(c["home"], visit["location"]))[:6]
        if not must_do and rng.random() < 0.7:
            visit["familiar"] = [c["id"] for c in rng.sample(near, min(len(near), 2 if rng.random() < 0.2 else 1))]
            if rng.random() < 0.015:
                visit["locked"] = visit["familiar"][0]
        visits.append(visit)
    return {"date": "2026-12-07", "state": "PA", "seed": seed, "travel": {"roadFactor": 1.3, "averageSpeedMph": 30.0},
            "clinicians": clinicians, "visits": visits}


if __name__ == "__main__":
    count = int(sys.argv[1])
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    json.dump(generate(count, seed), sys.stdout, indent=0)
    print()
