/* The letter spool (app/core/spool.c) and where an installed gise puts it
 * (settings_default_spool): files made new with their own mode whatever
 * the umask, never overwritten, never through a symbolic link. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app/core/settings.h"
#include "app/core/spool.h"

static char base[64];

static int make_base(void **state)
{
    (void)state;
    snprintf(base, sizeof base, "/tmp/gise-spool-test-XXXXXX");
    return mkdtemp(base) ? 0 : -1;
}

static int remove_base(void **state)
{
    (void)state;
    char command[128];
    snprintf(command, sizeof command, "rm -rf '%s'", base);
    return system(command) == 0 ? 0 : -1;
}

static mode_t mode_of(const char *dir, const char *name)
{
    char path[512];
    struct stat st;
    snprintf(path, sizeof path, "%s/%s", dir, name);
    assert_int_equal(lstat(path, &st), 0);
    assert_true(S_ISREG(st.st_mode));
    return st.st_mode & 07777;
}

static void a_letter_is_private_whatever_the_umask(void **state)
{
    (void)state;
    char dir[128], name[160], why[600];
    snprintf(dir, sizeof dir, "%s/private", base);
    assert_int_equal(mkdir(dir, 0755), 0);
    mode_t old = umask(022);
    assert_int_equal(spool_write(dir, "2026-000123-rejection-20261204-101500", "Dear citizen,\n", name, sizeof name,
                                 why, sizeof why), 0);
    umask(old);
    assert_string_equal(name, "2026-000123-rejection-20261204-101500.txt");
    assert_int_equal(mode_of(dir, name), 0600);
}

static void a_group_spool_gives_its_group_read(void **state)
{
    (void)state;
    char dir[128], name[160], why[600];
    snprintf(dir, sizeof dir, "%s/shared", base);
    assert_int_equal(mkdir(dir, 0770), 0);
    assert_int_equal(chmod(dir, 02770), 0);
    mode_t old = umask(077);   /* even a umask that takes the group's read away */
    assert_int_equal(spool_write(dir, "2026-000124-deficiency-20261204-101500", "Dear citizen,\n", name,
                                 sizeof name, why, sizeof why), 0);
    umask(old);
    assert_int_equal(mode_of(dir, name), 0640);
}

static void a_second_print_gets_a_new_name(void **state)
{
    (void)state;
    char dir[128], first[160], second[160], third[160], why[600];
    snprintf(dir, sizeof dir, "%s/twice", base);
    assert_int_equal(mkdir(dir, 0700), 0);
    assert_int_equal(spool_write(dir, "2026-000125-rejection-x", "one\n", first, sizeof first, why, sizeof why), 0);
    assert_int_equal(spool_write(dir, "2026-000125-rejection-x", "two\n", second, sizeof second, why, sizeof why), 0);
    assert_int_equal(spool_write(dir, "2026-000125-rejection-x", "three\n", third, sizeof third, why, sizeof why), 0);
    assert_string_equal(first, "2026-000125-rejection-x.txt");
    assert_string_equal(second, "2026-000125-rejection-x-2.txt");
    assert_string_equal(third, "2026-000125-rejection-x-3.txt");
    char path[512], text[16] = "";
    snprintf(path, sizeof path, "%s/%s", dir, first);
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    assert_non_null(fgets(text, sizeof text, f));
    fclose(f);
    assert_string_equal(text, "one\n");    /* the first is as it was written */
}

static void a_planted_link_is_not_followed(void **state)
{
    (void)state;
    char dir[128], target[128], link[256], name[160], why[600];
    snprintf(dir, sizeof dir, "%s/planted", base);
    snprintf(target, sizeof target, "%s/victim", base);
    assert_int_equal(mkdir(dir, 0700), 0);
    FILE *f = fopen(target, "w");
    assert_non_null(f);
    fputs("precious\n", f);
    fclose(f);
    snprintf(link, sizeof link, "%s/2026-000126-rejection-x.txt", dir);
    assert_int_equal(symlink(target, link), 0);
    assert_int_equal(spool_write(dir, "2026-000126-rejection-x", "letter\n", name, sizeof name, why, sizeof why), 0);
    assert_string_equal(name, "2026-000126-rejection-x-2.txt");
    char text[32] = "";
    f = fopen(target, "r");
    assert_non_null(f);
    assert_non_null(fgets(text, sizeof text, f));
    fclose(f);
    assert_string_equal(text, "precious\n");
    /* A link to nowhere would be created through: refused too. */
    snprintf(link, sizeof link, "%s/2026-000127-rejection-x.txt", dir);
    snprintf(target, sizeof target, "%s/made-through-a-link", base);
    assert_int_equal(symlink(target, link), 0);
    assert_int_equal(spool_write(dir, "2026-000127-rejection-x", "letter\n", name, sizeof name, why, sizeof why), 0);
    assert_string_equal(name, "2026-000127-rejection-x-2.txt");
    assert_int_equal(access(target, F_OK), -1);
}

static void a_linked_spool_is_refused(void **state)
{
    (void)state;
    char real[128], dir[128], name[160] = "", why[600] = "";
    snprintf(real, sizeof real, "%s/elsewhere", base);
    snprintf(dir, sizeof dir, "%s/linked", base);
    assert_int_equal(mkdir(real, 0700), 0);
    assert_int_equal(symlink(real, dir), 0);
    assert_int_equal(spool_write(dir, "2026-000128-rejection-x", "letter\n", name, sizeof name, why, sizeof why), -1);
    assert_non_null(strstr(why, "symbolic link"));
    assert_non_null(strstr(why, dir));
}

static void a_missing_spool_is_made_private(void **state)
{
    (void)state;
    char dir[128], name[160], why[600];
    struct stat st;
    snprintf(dir, sizeof dir, "%s/state/gise/spool", base);
    assert_int_equal(spool_write(dir, "2026-000129-deficiency-x", "letter\n", name, sizeof name, why, sizeof why), 0);
    assert_int_equal(stat(dir, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0700);
}

static void an_unwritable_spool_says_why(void **state)
{
    (void)state;
    char name[160], why[600] = "";
    /* A file where the directory should be: no user, root included, can
     * write a letter into it. */
    char dir[128];
    snprintf(dir, sizeof dir, "%s/a-file", base);
    FILE *f = fopen(dir, "w");
    assert_non_null(f);
    fclose(f);
    assert_int_equal(spool_write(dir, "2026-000130-rejection-x", "letter\n", name, sizeof name, why, sizeof why), -1);
    assert_non_null(strstr(why, dir));
}

static void an_installed_gise_takes_the_system_spool_when_it_may(void **state)
{
    (void)state;
    char path[512], system_spool[128];
    snprintf(system_spool, sizeof system_spool, "%s/var-spool-gise", base);
    assert_int_equal(mkdir(system_spool, 02770), 0);
    setenv("XDG_STATE_HOME", "/home/clerk/.state", 1);
    settings_default_spool(system_spool, path, sizeof path);
    assert_string_equal(path, system_spool);
}

static void else_the_users_state_directory(void **state)
{
    (void)state;
    char path[512], missing[128];
    snprintf(missing, sizeof missing, "%s/no-such-spool", base);
    setenv("XDG_STATE_HOME", "/home/clerk/.state", 1);
    settings_default_spool(missing, path, sizeof path);
    assert_string_equal(path, "/home/clerk/.state/gise/spool");
    unsetenv("XDG_STATE_HOME");
    setenv("HOME", "/home/clerk", 1);
    settings_default_spool(missing, path, sizeof path);
    assert_string_equal(path, "/home/clerk/.local/state/gise/spool");
    setenv("XDG_STATE_HOME", "relative/state", 1);    /* invalid: ignored */
    settings_default_spool(missing, path, sizeof path);
    assert_string_equal(path, "/home/clerk/.local/state/gise/spool");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_letter_is_private_whatever_the_umask),
        cmocka_unit_test(a_group_spool_gives_its_group_read),
        cmocka_unit_test(a_second_print_gets_a_new_name),
        cmocka_unit_test(a_planted_link_is_not_followed),
        cmocka_unit_test(a_linked_spool_is_refused),
        cmocka_unit_test(a_missing_spool_is_made_private),
        cmocka_unit_test(an_unwritable_spool_says_why),
        cmocka_unit_test(an_installed_gise_takes_the_system_spool_when_it_may),
        cmocka_unit_test(else_the_users_state_directory),
    };
    return cmocka_run_group_tests_name("spool", tests, make_base, remove_base);
}
