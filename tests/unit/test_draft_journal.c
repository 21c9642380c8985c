/* The drafts journal (app/core/draft_journal.c): what one append per key
 * leaves on disk is read back whole; a record torn by a crash is skipped
 * and the ones after it still count; the file is 0600 and the directory
 * 0700 under a umask of 022; a symbolic link in place of either is
 * refused, and nothing is written through it; what is discarded or done
 * leaves the file when it is rewritten. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app/core/draft_journal.h"

static char base[4096];

static int make_base(void **state)
{
    (void)state;
    snprintf(base, sizeof base, "%s/gise-journal-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    return mkdtemp(base) ? 0 : -1;
}

static int remove_base(void **state)
{
    (void)state;
    char command[4200];
    snprintf(command, sizeof command, "rm -rf '%s'", base);
    return system(command);
}

static void dir_path(char *out, size_t size, const char *leaf)
{
    snprintf(out, size, "%s/%s", base, leaf);
}

static struct draft rejection(const char *text, long long at)
{
    struct draft d = {.kind = "reject", .target = 123, .label = "2026-000123", .typed_at_ms = at};
    assert_int_equal(draft_set(&d, "reason", "R03"), 0);
    assert_int_equal(draft_set(&d, "text", text), 0);
    return d;
}

static void open_journal(struct draft_journal *j, const char *leaf)
{
    char dir[4200], why[600];
    dir_path(dir, sizeof dir, leaf);
    assert_int_equal(draft_journal_open(j, dir, "ank_clerk1", why, sizeof why), 0);
}

/* Every key's latest state, read by a rewrite. */
static struct journal_entry *recovered(struct draft_journal *j, size_t *count)
{
    struct journal_entry *e;
    assert_int_equal(draft_journal_recover(j, 0, &e, count), 0);
    return e;
}

static off_t file_size(const char *path)
{
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    return st.st_size;
}

/* A text typed key by key, with line breaks, quotes and Turkish letters:
 * the last snapshot is read back byte for byte. */
static void every_key_is_read_back(void **state)
{
    (void)state;
    struct draft_journal j;
    open_journal(&j, "keys");
    const char *text = "Kimlik kartı \"süresi\" geçmiş,\nGD1 S 00000001 00000000\n, 12:ab; tamam.";
    char typed[200] = "";
    for (size_t i = 0; text[i]; i++) {
        typed[i] = text[i];
        typed[i + 1] = '\0';
        struct draft d = rejection(typed, 1000 + (long long)i);
        assert_int_equal(draft_journal_save(&j, &d), 0);
        draft_free(&d);
    }
    size_t n;
    struct journal_entry *e = recovered(&j, &n);
    assert_int_equal(n, 1);
    assert_false(e[0].gone);
    assert_string_equal(e[0].draft.kind, "reject");
    assert_int_equal(e[0].draft.target, 123);
    assert_string_equal(e[0].draft.label, "2026-000123");
    assert_string_equal(draft_get(&e[0].draft, "text"), text);
    assert_string_equal(draft_get(&e[0].draft, "reason"), "R03");
    draft_journal_entries_free(e, n);
    draft_journal_close(&j);
}

/* The last record cut short (the machine stopped mid-write): the one
 * before it is the draft, and a record appended after the torn one (the
 * next gise) is read too. */
static void a_torn_record_is_skipped(void **state)
{
    (void)state;
    struct draft_journal j;
    open_journal(&j, "torn");
    struct draft whole = rejection("The whole explanation.", 1000);
    assert_int_equal(draft_journal_save(&j, &whole), 0);
    off_t good = file_size(j.path);
    struct draft longer = rejection("The whole explanation, and more that never reached the disk.", 2000);
    assert_int_equal(draft_journal_save(&j, &longer), 0);
    off_t all = file_size(j.path);
    assert_int_equal(truncate(j.path, good + (all - good) / 2), 0);

    size_t n;
    struct journal_entry *e = recovered(&j, &n);
    assert_int_equal(n, 1);
    assert_string_equal(draft_get(&e[0].draft, "text"), "The whole explanation.");
    draft_journal_entries_free(e, n);

    /* A damaged byte inside an older record, then a newer record: the
     * newer one is found past the damage. */
    struct draft other = {.kind = "withdraw", .target = 7, .label = "2026-000007", .typed_at_ms = 3000};
    assert_int_equal(draft_set(&other, "text", "Vazgeçti."), 0);
    assert_int_equal(draft_journal_save(&j, &other), 0);
    int fd = open(j.path, O_WRONLY);
    assert_true(fd >= 0);
    assert_int_equal(pwrite(fd, "X", 1, 40), 1);      /* inside the first record's payload */
    close(fd);
    struct draft newer = rejection("Written after the damage.", 4000);
    assert_int_equal(draft_journal_save(&j, &newer), 0);
    e = recovered(&j, &n);
    assert_int_equal(n, 2);
    for (size_t i = 0; i < n; i++)
        if (strcmp(e[i].draft.kind, "reject") == 0)
            assert_string_equal(draft_get(&e[i].draft, "text"), "Written after the damage.");
        else
            assert_string_equal(draft_get(&e[i].draft, "text"), "Vazgeçti.");
    draft_journal_entries_free(e, n);
    draft_free(&whole);
    draft_free(&longer);
    draft_free(&other);
    draft_free(&newer);
    draft_journal_close(&j);
}

/* A checksum that does not match is a torn record too. */
static void a_wrong_checksum_is_skipped(void **state)
{
    (void)state;
    struct draft_journal j;
    open_journal(&j, "crc");
    struct draft first = rejection("First.", 1000), second = rejection("Second.", 2000);
    assert_int_equal(draft_journal_save(&j, &first), 0);
    off_t at = file_size(j.path);
    assert_int_equal(draft_journal_save(&j, &second), 0);
    int fd = open(j.path, O_WRONLY);
    assert_int_equal(pwrite(fd, "0", 1, at + 15), 1);    /* the CRC's first digit */
    close(fd);
    size_t n;
    struct journal_entry *e = recovered(&j, &n);
    assert_int_equal(n, 1);
    assert_string_equal(draft_get(&e[0].draft, "text"), "First.");
    draft_journal_entries_free(e, n);
    draft_free(&first);
    draft_free(&second);
    draft_journal_close(&j);
}

static void private_under_umask_022(void **state)
{
    (void)state;
    mode_t old = umask(022);
    struct draft_journal j;
    char dir[4200];
    dir_path(dir, sizeof dir, "state/gise/drafts");
    open_journal(&j, "state/gise/drafts");
    struct draft d = rejection("x", 1);
    assert_int_equal(draft_journal_save(&j, &d), 0);
    struct stat st;
    assert_int_equal(stat(j.path, &st), 0);
    assert_int_equal(st.st_mode & 07777, 0600);
    assert_int_equal(stat(dir, &st), 0);
    assert_int_equal(st.st_mode & 07777, 0700);
    /* The rewrite makes a new file: private too. */
    assert_int_equal(draft_journal_recover(&j, 0, NULL, NULL), 0);
    assert_int_equal(stat(j.path, &st), 0);
    assert_int_equal(st.st_mode & 07777, 0600);
    /* A journal left readable by others is made private when opened. */
    draft_journal_close(&j);
    assert_int_equal(chmod(j.path, 0644), 0);
    assert_int_equal(chmod(dir, 0755), 0);
    open_journal(&j, "state/gise/drafts");
    assert_int_equal(stat(j.path, &st), 0);
    assert_int_equal(st.st_mode & 07777, 0600);
    assert_int_equal(stat(dir, &st), 0);
    assert_int_equal(st.st_mode & 07777, 0700);
    assert_true(fcntl(j.fd, F_GETFD) & FD_CLOEXEC);
    draft_free(&d);
    draft_journal_close(&j);
    umask(old);
}

static void a_symbolic_link_is_refused(void **state)
{
    (void)state;
    char dir[4200], target[4200], link_path[4400], why[600];
    dir_path(dir, sizeof dir, "linked");
    dir_path(target, sizeof target, "elsewhere");
    assert_int_equal(mkdir(dir, 0700), 0);
    assert_int_equal(mkdir(target, 0700), 0);
    /* The journal's name is a link to a file elsewhere. */
    snprintf(link_path, sizeof link_path, "%s/ank_clerk1.journal", dir);
    char victim[4400];
    snprintf(victim, sizeof victim, "%s/victim", target);
    assert_int_equal(symlink(victim, link_path), 0);
    struct draft_journal j;
    assert_int_equal(draft_journal_open(&j, dir, "ank_clerk1", why, sizeof why), -1);
    assert_non_null(strstr(why, "symbolic link"));
    assert_int_equal(access(victim, F_OK), -1);       /* nothing was made through it */
    /* The directory itself is a link. */
    char dir_link[4200];
    dir_path(dir_link, sizeof dir_link, "dirlink");
    assert_int_equal(symlink(target, dir_link), 0);
    assert_int_equal(draft_journal_open(&j, dir_link, "ank_clerk1", why, sizeof why), -1);
    assert_non_null(strstr(why, "symbolic link"));
    snprintf(victim, sizeof victim, "%s/ank_clerk1.journal", target);
    assert_int_equal(access(victim, F_OK), -1);
}

/* Gone, done with: the rewrite leaves no trace of the text; a discard the
 * database has not heard of yet stays as a tombstone without text. */
static void what_is_gone_leaves_the_disk(void **state)
{
    (void)state;
    struct draft_journal j;
    open_journal(&j, "gone");
    struct draft done = rejection("Secret explanation.", 1000);
    struct draft discarded = {.kind = "withdraw", .target = 9, .label = "2026-000009", .typed_at_ms = 1500};
    assert_int_equal(draft_set(&discarded, "text", "Another secret."), 0);
    assert_int_equal(draft_journal_save(&j, &done), 0);
    assert_int_equal(draft_journal_save(&j, &discarded), 0);
    assert_int_equal(draft_journal_saved(&j, "reject", 123, 1000), 0);
    assert_int_equal(draft_journal_gone(&j, "reject", 123, 1000, false), 0);
    assert_int_equal(draft_journal_gone(&j, "withdraw", 9, 1500, true), 0);
    size_t n;
    struct journal_entry *e = recovered(&j, &n);
    assert_int_equal(n, 2);
    draft_journal_entries_free(e, n);
    FILE *f = fopen(j.path, "r");
    char content[4096] = "";
    size_t got = fread(content, 1, sizeof content - 1, f);
    fclose(f);
    content[got] = '\0';
    assert_null(strstr(content, "Secret"));
    assert_null(strstr(content, "Another secret"));
    assert_non_null(strstr(content, "GD1 G"));       /* the pending discard */
    e = recovered(&j, &n);
    assert_int_equal(n, 1);
    assert_true(e[0].gone && e[0].pending);
    draft_journal_entries_free(e, n);
    draft_free(&done);
    draft_free(&discarded);
    draft_journal_close(&j);
}

/* The database's acknowledgement marks the snapshot it names, not a newer
 * one typed afterwards. */
static void the_database_acknowledgement_names_its_snapshot(void **state)
{
    (void)state;
    struct draft_journal j;
    open_journal(&j, "ack");
    struct draft first = rejection("Saved.", 1000), second = rejection("Saved, then typed on.", 2000);
    assert_int_equal(draft_journal_save(&j, &first), 0);
    assert_int_equal(draft_journal_saved(&j, "reject", 123, 1000), 0);
    size_t n;
    struct journal_entry *e = recovered(&j, &n);
    assert_true(n == 1 && e[0].saved);
    draft_journal_entries_free(e, n);
    assert_int_equal(draft_journal_save(&j, &second), 0);
    assert_int_equal(draft_journal_saved(&j, "reject", 123, 1000), 0);   /* late, for the older one */
    e = recovered(&j, &n);
    assert_true(n == 1 && !e[0].saved);
    assert_string_equal(draft_get(&e[0].draft, "text"), "Saved, then typed on.");
    draft_journal_entries_free(e, n);
    draft_free(&first);
    draft_free(&second);
    draft_journal_close(&j);
}

/* Another gise of the same clerk rewrote the file: the next append goes
 * to the new file, not to the one renamed away. */
static void an_append_follows_a_rewrite_by_another(void **state)
{
    (void)state;
    struct draft_journal a, b;
    open_journal(&a, "two");
    open_journal(&b, "two");
    struct draft first = rejection("From A.", 1000), second = rejection("From A, after B's rewrite.", 2000);
    assert_int_equal(draft_journal_save(&a, &first), 0);
    assert_int_equal(draft_journal_recover(&b, 0, NULL, NULL), 0);
    assert_int_equal(draft_journal_save(&a, &second), 0);
    size_t n;
    struct journal_entry *e = recovered(&b, &n);
    assert_int_equal(n, 1);
    assert_string_equal(draft_get(&e[0].draft, "text"), "From A, after B's rewrite.");
    draft_journal_entries_free(e, n);
    draft_free(&first);
    draft_free(&second);
    draft_journal_close(&a);
    draft_journal_close(&b);
}

static void names_are_safe_file_names(void **state)
{
    (void)state;
    char name[300];
    draft_journal_file_name("ank_clerk1", name, sizeof name);
    assert_string_equal(name, "ank_clerk1.journal");
    draft_journal_file_name("../etc/x y", name, sizeof name);
    assert_string_equal(name, "%2E%2E%2Fetc%2Fx%20y.journal");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_key_is_read_back),
        cmocka_unit_test(a_torn_record_is_skipped),
        cmocka_unit_test(a_wrong_checksum_is_skipped),
        cmocka_unit_test(private_under_umask_022),
        cmocka_unit_test(a_symbolic_link_is_refused),
        cmocka_unit_test(what_is_gone_leaves_the_disk),
        cmocka_unit_test(the_database_acknowledgement_names_its_snapshot),
        cmocka_unit_test(an_append_follows_a_rewrite_by_another),
        cmocka_unit_test(names_are_safe_file_names),
    };
    return cmocka_run_group_tests(tests, make_base, remove_base);
}
