/// Something the line editor tells its caller after consuming input. Changes to the text or the
/// cursor are not events: compare ``LineEditor/state`` before and after ``LineEditor/feed(_:completions:)``
/// and redraw when it differs.
public enum LineEditorEvent: Equatable, Sendable {
    /// Enter was pressed; the line (possibly empty) is returned and the editor is now empty.
    /// It holds line breaks (`\n`) only where pasted text had them.
    case submit(String)
    /// Ctrl-C was pressed. When the line was not empty it has been cleared
    /// (`lineWasEmpty == false`); on an empty line it means "quit" (`lineWasEmpty == true`).
    case interrupt(lineWasEmpty: Bool)
    /// Ctrl-D on an empty line: the user has finished (quit).
    case endOfInput
    /// Input was refused (the line is full, or Tab found nothing to complete): ring the
    /// terminal bell. Consecutive bells may be collapsed into one by the caller.
    case bell
    /// Ctrl-Z: the user wants the program suspended (to the shell, until `fg`).
    case suspend
    /// Ctrl-L: the user wants the screen cleared and redrawn.
    case redraw
    /// Alt-a: the user wants to go to the next channel with activity (irssi's key).
    case nextActivity
    /// A bracketed paste ended; the input now holds `lineCount` lines (more than one when
    /// pasted line breaks are in it, which Enter posts as one text). `wasCut` when some of the
    /// paste did not fit in the line (``LineEditor/maximumLineBytes``) and was left out.
    case pasted(lineCount: Int, wasCut: Bool)
}
