internal import ExerciseModel
internal import Stochastics

/// What injects carry besides information (effects, originator control) and what makes a task
/// a cross-border request (request kind, requester, offence).
extension ScenarioCompiler {
    /// The inject's effects; nil if any is malformed or refers to something unknown (reported).
    func effects(of inject: InjectDraft) -> [InjectEffect]? {
        var effects: [InjectEffect] = []
        var failed = false
        for effect in inject.effects {
            guard let built = self.effect(effect) else {
                failed = true
                continue
            }
            effects.append(built)
        }
        return failed ? nil : effects
    }

    private func effect(_ effect: EffectDraft) -> InjectEffect? {
        switch effect.kind {
        case nil:
            return nil
        case .cooperation(let between, let willingness, let multiplier):
            return jurisdictionPair(between).map { .cooperation(between: $0, willingness: willingness, delayMultiplier: multiplier) }
        case .outage(let reference, let duration):
            let channel = reference.flatMap(self.channel)
            guard let channel, let duration else { return nil }
            return .channelOutage(channel: channel, duration: duration)
        case .staffing(let reference, let staff, let duration):
            let agency = reference.flatMap(self.agency)
            guard let agency, let staff else { return nil }
            return .staffing(agency: agency, staff: staff, duration: duration)
        case .subjectMoves(let reference, let destination):
            let subject = reference.flatMap(self.subject), to = destination.flatMap(jurisdictionIndex)
            guard let subject, let to else { return nil }
            return .subjectMoves(subject: subject, to: to)
        }
    }

    /// `.some(nil)` without originator control; nil after an error (reported). The originator
    /// defaults to the inject's receiver.
    func originatorControl(of inject: InjectDraft) -> OriginatorControl?? {
        guard let control = inject.originatorControl else { return .some(nil) }
        let originator: Int?
        if let reference = control.originator {
            originator = agency(reference)
        } else {
            originator = inject.to.flatMap { agencies[$0.value] }  // an unknown receiver is reported at `to`
        }
        guard let originator, let decision = control.decision, let refusal = control.refusal else { return nil }
        return .some(OriginatorControl(originator: originator, decision: decision, refusalProbability: refusal))
    }

    /// The task's request kind, requester and offence; nil after an error (reported).
    ///
    /// A request task, and a task performed where a subject is, is sent by a requester: its own
    /// `requester` or the exercise's `lead`. `requester` belongs to such tasks only, `offence`
    /// to request tasks only.
    func request(of task: TaskDraft) -> (kind: RequestKind?, requester: Int?, offence: Int?)? {
        var failed = task.requestLocation != nil && task.request == nil
        let requester = task.requester.flatMap(self.agency)
        let offence = task.offence.flatMap(self.offence)
        if task.requester != nil && requester == nil || task.offence != nil && offence == nil { failed = true }
        var subjectBound = false
        if case .subject = task.performer { subjectBound = true }
        let misplaced = [("requester", task.requester, task.requestLocation != nil || subjectBound || task.claim != nil),
                         ("offence", task.offence, task.requestLocation != nil)]
        for (key, reference, allowed) in misplaced where !allowed {
            guard let reference else { continue }
            sink.error("'\(key)' applies only to a request task\(key == "requester" ? " or one performed where a subject is" : "")",
                       at: reference.location,
                       hint: "add 'request: <kind>' to make the task a cross-border request, or remove '\(key)'")
            failed = true
        }
        if task.requester == nil, draft.exercise.lead == nil {
            let name = task.id.map { " '\($0.value)'" } ?? ""
            if let request = task.request {
                sink.error("request task\(name) needs a 'requester' or an exercise 'lead'", at: request.location,
                           hint: "name the agency that drafts the request: requester: <agency id>, or set exercise: lead")
                failed = true
            } else if task.requestLocation == nil, case .subject(_, let subject, let location) = task.performer {
                sink.error("task\(name) performed where '\(subject.value)' is needs a 'requester' or an exercise 'lead'", at: location,
                           hint: "name the agency that hands the task to the subject's jurisdiction: requester: <agency id>, or set exercise: lead")
                failed = true
            }
        }
        return failed ? nil : (task.request?.value, requester, offence)
    }
}
