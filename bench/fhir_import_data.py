"""Synthetic transaction Bundles for bench/fhir-import.sh: PATIENTS patients, 80 to a file, each with coverage, two
diagnoses, an allergy, a medication to reconcile and three vital signs, all referring to one payer and one physician
per file. Standard library only, so the bench needs nothing installed.
    python3 bench/fhir_import_data.py PATIENTS FOLDER"""
import json
import os
import sys
import uuid

HOSPITAL = "urn:oid:2.16.840.1.113883.19.5"
PER_FILE = 80


def npi(base):
    digits = [int(d) for d in "80840" + base]
    total = sum(d if i % 2 else sum(divmod(d * 2, 10)) for i, d in enumerate(reversed(digits)))
    return base + str((10 - total % 10) % 10)


def entry(resource, full_url=None, if_none_exist=None):
    request = {"method": "POST", "url": resource["resourceType"]}
    if if_none_exist:
        request["ifNoneExist"] = if_none_exist
    item = {"resource": resource, "request": request}
    if full_url:
        item["fullUrl"] = full_url
    return item


def name(number):
    letters = "".join(chr(ord("a") + int(d)) for d in str(number))
    return "Bench" + letters, "Pat" + letters


def patient_entries(number, payer, doctor):
    person = f"urn:uuid:{uuid.uuid4()}"
    subject = {"reference": person}
    family, given = name(number)
    vital = lambda code, value, unit: entry({  # noqa: E731
        "resourceType": "Observation", "status": "final", "subject": subject, "effectiveDateTime": "2026-11-20T08:30:00-05:00",
        "category": [{"coding": [{"system": "http://terminology.hl7.org/CodeSystem/observation-category", "code": "vital-signs"}]}],
        "code": {"coding": [{"system": "http://loinc.org", "code": code}]},
        "valueQuantity": {"value": value, "unit": unit, "system": "http://unitsofmeasure.org", "code": unit}})
    return [
        entry({"resourceType": "Patient", "identifier": [{"system": HOSPITAL, "value": f"B-{number}"}], "name": [{"family": family, "given": [given]}],
               "gender": "female" if number % 2 else "male", "birthDate": f"19{30 + number % 60}-0{1 + number % 9}-1{number % 10}",
               "generalPractitioner": [{"reference": doctor}]}, person, f"identifier={HOSPITAL}|B-{number}"),
        entry({"resourceType": "Coverage", "status": "active", "beneficiary": subject, "subscriberId": f"MB{number}", "payor": [{"reference": payer}]}),
        entry({"resourceType": "Condition", "subject": subject, "category": [{"text": "Primary diagnosis"}],
               "code": {"coding": [{"system": "http://hl7.org/fhir/sid/icd-10-cm", "code": "I50.9"}]}}),
        entry({"resourceType": "Condition", "subject": subject, "code": {"coding": [{"system": "http://hl7.org/fhir/sid/icd-10-cm", "code": "E11.9"}]}}),
        entry({"resourceType": "AllergyIntolerance", "patient": subject, "code": {"text": "Penicillin"},
               "reaction": [{"manifestation": [{"text": "Hives"}], "severity": "moderate"}]}),
        entry({"resourceType": "MedicationStatement", "status": "active", "subject": subject,
               "medicationCodeableConcept": {"coding": [{"system": "http://www.nlm.nih.gov/research/umls/rxnorm", "code": "866924"}],
                                             "text": "Metoprolol tartrate 25 mg tablet"}, "dosage": [{"text": "1 tablet by mouth twice a day"}]}),
        vital("8867-4", 60 + number % 40, "/min"), vital("8310-5", 98.6, "[degF]"), vital("59408-5", 90 + number % 10, "%"),
    ]


def main(patients, folder):
    os.makedirs(folder, exist_ok=True)
    for start in range(0, patients, PER_FILE):
        payer, doctor = f"urn:uuid:{uuid.uuid4()}", f"urn:uuid:{uuid.uuid4()}"
        entries = [
            entry({"resourceType": "Organization", "name": "Bench Health Plan",
                   "type": [{"coding": [{"system": "http://terminology.hl7.org/CodeSystem/organization-type", "code": "pay"}]}]}, payer),
            entry({"resourceType": "Practitioner", "identifier": [{"system": "http://hl7.org/fhir/sid/us-npi", "value": npi("123456789")}],
                   "name": [{"family": "Ruiz", "given": ["Ana"]}],
                   "telecom": [{"system": "phone", "value": "614-555-0100"}, {"system": "fax", "value": "614-555-0101"}]}, doctor),
        ]
        for number in range(start, min(start + PER_FILE, patients)):
            entries += patient_entries(number, payer, doctor)
        with open(os.path.join(folder, f"bundle-{start // PER_FILE:05d}.json"), "w") as out:
            json.dump({"resourceType": "Bundle", "type": "transaction", "entry": entries}, out)


if __name__ == "__main__":
    main(int(sys.argv[1]), sys.argv[2])
