import KithControl

extension ControlService {
    /// Answers a control request whose work is cut into bounded steps, one per turn of the loop
    /// so that other work runs between them: runs `step` on `work` now and, while it gives no
    /// answer, again in each later turn. Returns the answer when the first step gives it; else
    /// nil, and the answer goes to `later` (not when the node stops first).
    func answerInSteps<Work>(
        _ work: Work, later: @escaping (ControlResponse) -> Void,
        step: @escaping (inout Work) -> ControlResponse?
    ) -> ControlResponse? {
        var work = work
        if let answer = step(&work) { return answer }
        host.inNextTurn { [weak self] in
            guard let self, self.host.isRunning,
                let answer = self.answerInSteps(work, later: later, step: step)
            else { return }
            later(answer)
        }
        return nil
    }
}
