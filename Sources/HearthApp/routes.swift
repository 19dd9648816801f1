import Fluent
import Vapor

func routes(_ app: Application) throws {
    let system = SystemController()
    do { // operators and load balancers: no session, no audit
        app.get("healthz", use: system.healthz)
        app.get("readyz", use: system.readyz)
        app.get("metrics", use: system.metrics)
    }

    let web = app.grouped(SessionAuthenticator(), CSRFCookieWriter(), CSRFMiddleware())
    do { // log-in and log-out
        let auth = AuthController()
        web.get("login", use: auth.show)
        web.post("login", use: auth.login)
        web.grouped(RequireUser()).post("logout", use: auth.logout)
    }

    let people = web.grouped(RequireUser())
    do { // pages for signed-in people
        people.get(use: HomeController().show)
        let patients = PatientController()
        people.get("patients", use: patients.list)
        people.get("patients", "new", use: patients.new)
        people.post("patients", use: patients.create)
        people.get("patients", ":patientID", use: patients.show)
        let caseload = CaseloadController()
        people.get("patients", ":patientID", "case-manager", use: caseload.form)
        people.post("patients", ":patientID", "case-manager", use: caseload.reassign)
        let diagnoses = DiagnosisController()
        people.post("patients", ":patientID", "diagnoses", use: diagnoses.add)
        people.post("patients", ":patientID", "allergies", use: AllergyController().add)
        people.post("patients", ":patientID", "coverages", use: CoverageController().add)
        let profile = ProfileController()
        people.get("patients", ":patientID", "profile", use: profile.show)
        people.post("patients", ":patientID", "profile", use: profile.update)
        people.post("patients", ":patientID", "contacts", use: profile.addContact)
        people.post("patients", ":patientID", "contacts", ":itemID", "remove", use: profile.removeContact)
        people.post("patients", ":patientID", "directives", use: profile.addDirective)
        people.post("patients", ":patientID", "directives", ":itemID", "remove", use: profile.removeDirective)
        people.post("patients", ":patientID", "outside-contacts", use: profile.addExternal)
        people.post("patients", ":patientID", "outside-contacts", ":itemID", "remove", use: profile.removeExternal)
        let carePlan = CarePlanController()
        people.get("patients", ":patientID", "care-plan", use: carePlan.show)
        people.post("patients", ":patientID", "care-plan", "problems", use: carePlan.addProblem)
        people.post("patients", ":patientID", "care-plan", "goals", use: carePlan.addGoal)
        people.post("patients", ":patientID", "care-plan", "goals", ":itemID", "status", use: carePlan.changeGoalStatus)
        people.post("patients", ":patientID", "care-plan", "goals", ":itemID", "revise", use: carePlan.reviseGoal)
        people.post("patients", ":patientID", "care-plan", "interventions", use: carePlan.addIntervention)
        people.post("patients", ":patientID", "care-plan", "interventions", ":itemID", "frequency", use: carePlan.changeFrequency)
        people.post("patients", ":patientID", "care-plan", "interventions", ":itemID", "remove", use: carePlan.removeIntervention)
        people.post("patients", ":patientID", "care-plan", "input", use: carePlan.saveInput)
        people.post("patients", ":patientID", "care-plan", "details", use: carePlan.saveDetails)
        people.get("patients", ":patientID", "care-plan", "versions", ":number", use: carePlan.version)
        people.post("patients", ":patientID", "care-plan", "send", use: carePlan.sendPlanOfCare)
        people.post("patients", ":patientID", "care-plan", "verbal-orders", use: carePlan.recordVerbalOrder)
        people.get("patients", ":patientID", "care-plan", "print", use: carePlan.print)
        let orders = OrderController()
        people.get("orders", use: orders.list)
        people.get("orders", ":orderID", use: orders.show)
        people.post("orders", ":orderID", "sign", use: orders.sign)
        people.post("orders", ":orderID", "reject", use: orders.reject)
        people.post("orders", ":orderID", "resend", use: orders.resend)
        let assessments = AssessmentController()
        people.post("patients", ":patientID", "assessments", use: assessments.start)
        people.get("patients", ":patientID", "assessments", ":assessmentID", use: assessments.show)
        people.post("patients", ":patientID", "assessments", ":assessmentID", "sections", ":sectionID", use: assessments.saveSection)
        people.post("patients", ":patientID", "assessments", ":assessmentID", "autosave", use: assessments.autosave)
        people.get("patients", ":patientID", "assessments", ":assessmentID", "review", use: assessments.review)
        people.post("patients", ":patientID", "assessments", ":assessmentID", "sign", use: assessments.sign)
        people.post("patients", ":patientID", "assessments", ":assessmentID", "amend", use: assessments.amend)
        let careTeam = CareTeamController()
        people.get("patients", ":patientID", "care-team", use: careTeam.form)
        people.post("patients", ":patientID", "care-team", use: careTeam.add)
        people.post("patients", ":patientID", "care-team", ":memberID", "remove", use: careTeam.remove)
        let episodes = EpisodeController()
        people.post("patients", ":patientID", "episodes", use: episodes.open)
        people.post("patients", ":patientID", "episodes", ":episodeID", "events", use: episodes.move)
        let deadlines = DeadlineController()
        people.post("patients", ":patientID", "episodes", ":episodeID", "documents", use: deadlines.recordDocument)
        people.post("patients", ":patientID", "episodes", ":episodeID", "waivers", use: deadlines.waive)
        people.get("compliance", use: ComplianceController().show)
        people.post("tasks", ":taskID", "done", use: TaskController().done)
        let admin = AdminController()
        people.get("admin", "audit", use: admin.audit)
        people.get("admin", "users", use: admin.users)
    }

    let machines = app.grouped(BearerAuthenticator(), SessionAuthenticator(), CSRFMiddleware(), RequireUser())
    do { // JSON API
        machines.get("api", "icd10", use: DiagnosisController().lookup)
        machines.get("api", "me") { req -> MeResponse in
            let user = try req.currentUser
            return MeResponse(id: user.id, username: user.username, displayName: user.displayName, role: user.role.rawValue)
        }
    }

    do { // FHIR R4
        let fhir = FHIRController()
        app.get("fhir", "metadata", use: fhir.metadata)
        machines.get("fhir", "Patient", use: fhir.searchPatients)
        machines.post("fhir", "Patient", use: fhir.createPatient)
        machines.get("fhir", "EpisodeOfCare", use: fhir.searchEpisodes)
        machines.get("fhir", "EpisodeOfCare", ":id", use: fhir.readEpisode)
        machines.get("fhir", "CareTeam", use: fhir.searchCareTeams)
        machines.get("fhir", "CareTeam", ":id", use: fhir.readCareTeam)
        machines.get("fhir", "Practitioner", ":id", use: fhir.readPractitioner)
        machines.get("fhir", "CarePlan", use: fhir.searchCarePlans)
        machines.get("fhir", "CarePlan", ":id", use: fhir.readCarePlan)
        machines.get("fhir", "Goal", use: fhir.searchGoals)
        machines.get("fhir", "Goal", ":id", use: fhir.readGoal)
        machines.get("fhir", "ServiceRequest", use: fhir.searchServiceRequests)
        machines.get("fhir", "ServiceRequest", ":id", use: fhir.readServiceRequest)
        machines.get("fhir", "Task", use: fhir.searchTasks)
        machines.get("fhir", "Task", ":id", use: fhir.readTask)
        machines.get("fhir", "Condition", use: fhir.searchConditions)
        machines.get("fhir", "Condition", ":id", use: fhir.readCondition)
        machines.get("fhir", "Coverage", use: fhir.searchCoverages)
        machines.get("fhir", "AllergyIntolerance", use: fhir.searchAllergies)
        machines.get("fhir", "AllergyIntolerance", ":id", use: fhir.readAllergy)
        machines.get("fhir", "Patient", ":id", use: fhir.readPatient)
        machines.get("fhir", "Organization", use: fhir.searchOrganizations)
        machines.get("fhir", "Organization", ":id", use: fhir.readOrganization)
        machines.get("fhir", "Questionnaire", use: fhir.searchQuestionnaires)
        machines.get("fhir", "Questionnaire", ":id", use: fhir.readQuestionnaire)
        machines.get("fhir", "QuestionnaireResponse", use: fhir.searchQuestionnaireResponses)
        machines.get("fhir", "QuestionnaireResponse", ":id", use: fhir.readQuestionnaireResponse)
    }
}

struct MeResponse: Content {
    var id: UUID
    var username: String
    var displayName: String
    var role: String
}
