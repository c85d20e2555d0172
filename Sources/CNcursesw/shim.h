#pragma once

// The wide-character API (cchar_t, setcchar, mvadd_wch, get_wch) is declared only with this set;
// SwiftPM drops pkg-config's -D flags, so it is defined here, before the include.
#define NCURSES_WIDECHAR 1

#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>
#include <wchar.h>
#include <ncursesw/curses.h>
// setupterm/del_curterm (checking TERM before any output) live only in term.h.
#include <ncursesw/term.h>

// MARK: globals (Swift 6 rejects reading mutable C globals as unsafe)

// stdscr is a mutable C global.
static inline WINDOW *assetscore_stdscr(void) { return stdscr; }
// COLORS is a mutable C global set by start_color.
static inline int assetscore_colors(void) { return COLORS; }
// COLOR_PAIRS is a mutable C global set by start_color.
static inline int assetscore_color_pairs(void) { return COLOR_PAIRS; }
// cur_term is a mutable C global; releasing the terminal setupterm loaded needs it.
static inline void assetscore_release_setupterm(void) {
    if (cur_term != NULL) del_curterm(cur_term);
}

// stdout and stdin are mutable C globals; newterm needs them as FILE pointers.
static inline FILE *assetscore_stdout(void) { return stdout; }
static inline FILE *assetscore_stdin(void) { return stdin; }
// ioctl is variadic: the cell size in pixels (for sixel and kitty previews) comes from TIOCGWINSZ.
static inline int assetscore_window_pixels(int fd, int *xpixel, int *ypixel, int *cols, int *rows) {
    struct winsize ws;
    if (ioctl(fd, TIOCGWINSZ, &ws) != 0) return -1;
    *xpixel = ws.ws_xpixel; *ypixel = ws.ws_ypixel; *cols = ws.ws_col; *rows = ws.ws_row;
    return 0;
}

// glibc declares wcwidth only under _XOPEN_SOURCE, which the Glibc module is built without; the
// console needs the C library's width of a character to stay in step with ncurses.
extern int wcwidth(wchar_t c);

// MARK: macros

// getmaxyx is a macro assigning to its arguments.
static inline void assetscore_getmaxyx(WINDOW *win, int *rows, int *cols) {
    int y, x;
    getmaxyx(win, y, x);
    *rows = y;
    *cols = x;
}
// WA_* attributes are macros built from NCURSES_BITS, which Swift cannot import.
static inline attr_t assetscore_wa_normal(void) { return WA_NORMAL; }
static inline attr_t assetscore_wa_bold(void) { return WA_BOLD; }
static inline attr_t assetscore_wa_underline(void) { return WA_UNDERLINE; }
static inline attr_t assetscore_wa_reverse(void) { return WA_REVERSE; }
static inline attr_t assetscore_wa_dim(void) { return WA_DIM; }
// KEY_F(n) is a function-like macro.
static inline int assetscore_key_f(int n) { return KEY_F(n); }
// The BUTTONn_* mouse masks are macros built from NCURSES_MOUSE_MASK.
static inline mmask_t assetscore_button_pressed(int button) {
    switch (button) {
    case 1: return BUTTON1_PRESSED;
    case 2: return BUTTON2_PRESSED;
    case 3: return BUTTON3_PRESSED;
    case 4: return BUTTON4_PRESSED;
    case 5: return BUTTON5_PRESSED;
    default: return 0;
    }
}
// Same reason as above, for clicks (reported when mouseinterval is not 0).
static inline mmask_t assetscore_button_clicked(int button) {
    switch (button) {
    case 1: return BUTTON1_CLICKED;
    case 2: return BUTTON2_CLICKED;
    case 3: return BUTTON3_CLICKED;
    case 4: return BUTTON4_CLICKED;
    case 5: return BUTTON5_CLICKED;
    default: return 0;
    }
}
// tigetstr reports "not a string capability" as (char *)-1, which Swift cannot compare against.
static inline const char *assetscore_tigetstr(const char *capname) {
    char *value = tigetstr(capname);
    return value == (char *)-1 ? NULL : value;
}
// CODESET is an enum constant of nl_item that Swift does not see as such on every libc.
static inline const char *assetscore_codeset(void) { return nl_langinfo(CODESET); }

// MARK: restoring the terminal from a signal handler or atexit
//
// A signal can arrive at any point, so the handler may only do async-signal-safe work: it writes a
// byte sequence prepared in advance (leave the alternate screen, show the cursor, reset attributes,
// stop mouse reporting), puts back the terminal modes saved before curses started (tcsetattr is
// async-signal-safe; endwin is not), then puts back the action the signal had before (usually the
// default; for a crash, Swift's backtracer) and raises it again.
// The state is a function-local static (file-scope statics in a header are not emitted by Swift's
// importer); it exists once per translation unit, so only TerminalRestoreGuard.swift calls these.

struct assetscore_restore_state {
    volatile sig_atomic_t armed;
    int fd;
    int has_termios;
    struct termios termios;
    char bytes[512];
    size_t length;
    struct sigaction previous[10];
    int installed;
    int atexit_registered;
};

static inline struct assetscore_restore_state *assetscore_restore_state(void) {
    static struct assetscore_restore_state state;
    return &state;
}

// Interrupts and terminations, and the crashes (a Swift trap is SIGILL or SIGTRAP).
#define ASSETSCORE_RESTORE_SIGNALS 10
static inline int assetscore_restore_signal(int i) {
    static const int signals[ASSETSCORE_RESTORE_SIGNALS] = {
        SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGABRT, SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGFPE};
    return signals[i];
}

// Saves the current terminal modes of `fd` (call before curses changes them); 0 when fd is no tty.
static inline int assetscore_restore_save_modes(int fd) {
    struct assetscore_restore_state *s = assetscore_restore_state();
    s->fd = fd;
    s->has_termios = tcgetattr(fd, &s->termios) == 0;
    return s->has_termios;
}

// Stores the bytes that undo curses' screen changes; returns 0 when they do not fit.
static inline int assetscore_restore_set_bytes(const char *bytes, size_t length) {
    struct assetscore_restore_state *s = assetscore_restore_state();
    if (length > sizeof(s->bytes)) return 0;
    if (length > 0) memcpy(s->bytes, bytes, length);
    s->length = length;
    return 1;
}

static inline void assetscore_restore_arm(void) { assetscore_restore_state()->armed = 1; }
static inline void assetscore_restore_disarm(void) { assetscore_restore_state()->armed = 0; }

// Async-signal-safe: write(2) and tcsetattr(3) only, and at most once.
static inline void assetscore_restore_now(void) {
    struct assetscore_restore_state *s = assetscore_restore_state();
    if (!s->armed) return;
    s->armed = 0;
    size_t done = 0;
    while (done < s->length) {
        ssize_t n = write(s->fd, s->bytes + done, s->length - done);
        if (n <= 0) break;
        done += (size_t)n;
    }
    if (s->has_termios) tcsetattr(s->fd, TCSADRAIN, &s->termios);
}

static void assetscore_restore_signal_handler(int signo) {
    assetscore_restore_now();
    struct assetscore_restore_state *s = assetscore_restore_state();
    for (int i = 0; i < ASSETSCORE_RESTORE_SIGNALS; i++) {
        if (assetscore_restore_signal(i) == signo) sigaction(signo, &s->previous[i], NULL);
    }
    raise(signo);
}

static void assetscore_restore_atexit_handler(void) { assetscore_restore_now(); }

// Installs the handler for the signals above (keeping the previous actions) and, once per process,
// the atexit hook. sigaction's struct and handler do not import cleanly into Swift.
static inline void assetscore_restore_install(void) {
    struct assetscore_restore_state *s = assetscore_restore_state();
    if (s->installed) return;
    struct sigaction action;
    memset(&action, 0, sizeof(action));
    action.sa_handler = assetscore_restore_signal_handler;
    sigemptyset(&action.sa_mask);
    for (int i = 0; i < ASSETSCORE_RESTORE_SIGNALS; i++) {
        sigaction(assetscore_restore_signal(i), &action, &s->previous[i]);
        // A signal the process was told to ignore (nohup) stays ignored.
        if (s->previous[i].sa_handler == SIG_IGN) sigaction(assetscore_restore_signal(i), &s->previous[i], NULL);
    }
    s->installed = 1;
    if (!s->atexit_registered) {
        atexit(assetscore_restore_atexit_handler);
        s->atexit_registered = 1;
    }
}

// Puts back the signal actions that were there before assetscore_restore_install.
static inline void assetscore_restore_uninstall(void) {
    struct assetscore_restore_state *s = assetscore_restore_state();
    if (!s->installed) return;
    for (int i = 0; i < ASSETSCORE_RESTORE_SIGNALS; i++) sigaction(assetscore_restore_signal(i), &s->previous[i], NULL);
    s->installed = 0;
}
