/// The body areas a clinician can pick for pain or a wound; codes are stored, titles are shown.
/// Left and right are the patient's own sides.
public enum BodyArea: String, Sendable, Hashable, Codable, CaseIterable {
    case head, face, neck, chest, abdomen, upperBack = "upper_back", lowerBack = "lower_back"
    case sacrumCoccyx = "sacrum_coccyx", buttocks, groinPerineum = "groin_perineum"
    case leftShoulder = "left_shoulder", rightShoulder = "right_shoulder"
    case leftArm = "left_arm", rightArm = "right_arm", leftElbow = "left_elbow", rightElbow = "right_elbow"
    case leftHand = "left_hand", rightHand = "right_hand", leftHip = "left_hip", rightHip = "right_hip"
    case leftThigh = "left_thigh", rightThigh = "right_thigh", leftKnee = "left_knee", rightKnee = "right_knee"
    case leftLowerLeg = "left_lower_leg", rightLowerLeg = "right_lower_leg"
    case leftAnkle = "left_ankle", rightAnkle = "right_ankle", leftFoot = "left_foot", rightFoot = "right_foot"
    case leftHeel = "left_heel", rightHeel = "right_heel", generalized

    public var title: String {
        switch self {
        case .head: "Head"
        case .face: "Face"
        case .neck: "Neck"
        case .chest: "Chest"
        case .abdomen: "Abdomen"
        case .upperBack: "Upper back"
        case .lowerBack: "Lower back"
        case .sacrumCoccyx: "Sacrum / coccyx"
        case .buttocks: "Buttocks"
        case .groinPerineum: "Groin / perineum"
        case .generalized: "All over (generalized)"
        default: Self.sidedTitle(rawValue)
        }
    }

    /// "left_lower_leg" → "Left lower leg".
    private static func sidedTitle(_ code: String) -> String {
        let words = code.split(separator: "_").joined(separator: " ")
        return words.prefix(1).uppercased() + words.dropFirst()
    }
}
