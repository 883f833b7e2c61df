/*
 * Light fleet (fleet.sh): the login shell of root in the fleet sshd's namespace, and its ForceCommand. sshd runs it as
 * "fleet-session -c /run/fleet/bin/fleet-session" for every SSH session. It picks the host from the server address in
 * SSH_CONNECTION ("client_ip client_port server_ip server_port"), gives the session a mount namespace of its own in
 * which that host's state directory is /run/testhost and its private /usr/local/bin, /etc/apt, /usr/share/keyrings,
 * /etc/passwd, /etc/group, /etc/shadow, /home and /root are bound over the fleet's, then does what a per-host test
 * host's ForceCommand (shims/record-exec) does: records the client's command line in exec.log (under flock, "\" as
 * "\\" and a newline as "\n") and runs it with the host's login shell, "$SHELL -c". One process and a handful of
 * system calls per session, where sshd's own "bash -c", a record-exec script and its flock(1) were three more
 * processes per remote command (the fleet's CPU is measured beside the CLI's and should be the tool's, not the
 * harness's).
 *
 * Build: cc -O2 -o fleet-session fleet-session.c (fleet.sh start does). Runs as root only (unshare(2) and mount(2)).
 * Host state lives in /run/fleet/hosts/<server address>/ (laid out like a test host's state directory).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

static int fail(const char *what, const char *path)
{
    fprintf(stderr, "fleet-session: %s %s: %s\n", what, path, strerror(errno));
    return 255;
}

/* Binds <host>/<from> over <to>; a target missing on this machine is skipped (as ns-init.sh does for keyrings). */
static int bind(const char *host, const char *from, const char *to)
{
    char source[4096];
    struct stat st;
    if (stat(to, &st) != 0)
        return 0;
    snprintf(source, sizeof source, "%s/%s", host, from);
    if (mount(source, to, NULL, MS_BIND, NULL) != 0)
        return fail("cannot bind", to);
    return 0;
}

/* Appends the command line to exec.log as record-exec does: one line per command, "\\" doubled, newlines as "\\n". */
static void record(const char *command)
{
    const char *line = command != NULL ? command : "<interactive>";
    size_t length = strlen(line), n = 0;
    char *escaped = malloc(2 * length + 2);
    if (escaped == NULL)
        return;
    for (const char *c = line; *c; c++) {
        if (command != NULL && *c == '\\') {
            escaped[n++] = '\\';
            escaped[n++] = '\\';
        } else if (command != NULL && *c == '\n') {
            escaped[n++] = '\\';
            escaped[n++] = 'n';
        } else {
            escaped[n++] = *c;
        }
    }
    escaped[n++] = '\n';
    int fd = open("/run/testhost/exec.log", O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0666);
    if (fd >= 0) {
        (void)flock(fd, LOCK_EX);
        for (size_t done = 0; done < n;) {
            ssize_t w = write(fd, escaped + done, n - done);
            if (w <= 0)
                break;
            done += (size_t)w;
        }
        close(fd);
    }
    free(escaped);
}

int main(void)
{
    const char *connection = getenv("SSH_CONNECTION");
    char address[64] = "", host[4096];
    struct stat st;
    if (connection == NULL || sscanf(connection, "%*s %*s %63s %*s", address) != 1) {
        fprintf(stderr, "fleet-session: no server address in SSH_CONNECTION\n");
        return 255;
    }
    for (const char *c = address; *c; c++) {
        if (!((*c >= '0' && *c <= '9') || *c == '.')) {
            fprintf(stderr, "fleet-session: not an IPv4 address: %s\n", address);
            return 255;
        }
    }
    snprintf(host, sizeof host, "/run/fleet/hosts/%s", address);
    if (stat(host, &st) != 0 || !S_ISDIR(st.st_mode)) {
        fprintf(stderr, "fleet-session: no host at %s\n", address);
        return 255;
    }
    if (unshare(CLONE_NEWNS) != 0)
        return fail("cannot unshare the mount namespace for", address);
    if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0)
        return fail("cannot make private", "/");
    if (mount(host, "/run/testhost", NULL, MS_BIND, NULL) != 0)
        return fail("cannot bind", "/run/testhost");
    static const char *const binds[][2] = {
        {"root/etc-apt", "/etc/apt"},
        {"root/keyrings", "/usr/share/keyrings"},
        {"root/usr-local-bin", "/usr/local/bin"},
        {"root/home", "/home"},
        {"root/root-home", "/root"},
        {"root/etc/passwd", "/etc/passwd"},
        {"root/etc/group", "/etc/group"},
        {"root/etc/shadow", "/etc/shadow"},
    };
    for (size_t i = 0; i < sizeof binds / sizeof binds[0]; i++) {
        int rc = bind("/run/testhost", binds[i][0], binds[i][1]);
        if (rc != 0)
            return rc;
    }
    if (chdir("/root") != 0)
        (void)chdir("/");
    const char *command = getenv("SSH_ORIGINAL_COMMAND");
    record(command);
    setenv("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", 1);
    /* The host's own login shell (its /etc/passwd is bound now), as sshd would have run it on a real host. */
    struct passwd *pw = getpwuid(getuid());
    const char *shell = pw != NULL && pw->pw_shell != NULL && pw->pw_shell[0] == '/' ? pw->pw_shell : "/bin/sh";
    setenv("SHELL", shell, 1);
    const char *name = strrchr(shell, '/') + 1;
    if (command != NULL)
        execl(shell, name, "-c", command, (char *)NULL);
    else
        execl(shell, name, "-l", (char *)NULL);
    return fail("cannot exec", shell);
}
