# gise: build, private database, tests, benchmarks.
# `make help` lists the targets.

PREFIX        ?= /usr/local
BINDIR        ?= $(PREFIX)/bin
DATADIR       ?= $(PREFIX)/share
SYSCONFDIR    ?= $(PREFIX)/etc
LOCALSTATEDIR ?= $(PREFIX)/var
LOCALEDIR     ?= $(DATADIR)/locale
DESTDIR       ?=
# The source tree a development build finds its private database, catalogues
# and spool in. `make TREE=` (what `make install` and the Debian package
# build) makes an installed build that never looks there.
TREE          ?= $(CURDIR)
# Demo citizens for `make db`; unset keeps whatever demo is loaded (or
# loads 100,000 the first time).
N       ?=

CC      ?= cc
CFLAGS  ?= -O2 -g
WARN     = -std=c11 -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes \
           -Wmissing-prototypes -Wformat=2 -Wno-format-nonliteral
PKGS     = ncursesw libpq libcrypto
# `make V=1` shows the full commands.
Q        = $(if $(V),,@)
say      = $(if $(V),,@printf '  %-6s %s\n' $(1) $(2);)
# Recursive (=) on purpose: `make check` and `make demo` run `deps` first
# and then build in a sub-make, which asks pkg-config afresh.
PKG_CFLAGS = $(filter-out -D_XOPEN_SOURCE=% -D_DEFAULT_SOURCE,\
             $(shell pkg-config --cflags $(PKGS) 2>/dev/null))
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null)
ALL_CFLAGS = $(WARN) -D_DEFAULT_SOURCE -D_XOPEN_SOURCE=700 \
             -I. -I$(OBJ) $(PKG_CFLAGS) $(CFLAGS) $(SAN_FLAGS)
ALL_LDFLAGS = $(LDFLAGS) $(SAN_FLAGS) $(SAN_LDFLAGS)
LIBS       = $(PKG_LIBS) -lunistring

# Debian packages the project needs to build, test and run its database.
DEB_PACKAGES = fenrir gcc make pkg-config gettext libncurses-dev libpq-dev \
               libunistring-dev libssl-dev libcmocka-dev postgresql-15 \
               postgresql-15-pgtap libtap-parser-sourcehandler-pgtap-perl \
               tmux valgrind procps openssh-server openssh-client openssl \
               clang libclang-rt-dev

# The floors (DESIGN.md, Layout), bottom up; tests/layout/floors.t keeps
# every include going down.
LIB_SRC  = $(wildcard i18n/text/*.c) $(wildcard db/*.c) $(wildcard app/core/*.c) \
           $(wildcard app/line/*.c) $(wildcard screens/*.c screens/widgets/*.c)
# A development build (TREE set) compiles into build/ and links ./gise; an
# installed build (TREE=) into build/installed/, so `make install` never
# replaces the development binary the tests run. `make check SANITIZE=1`
# builds gise and the test programs with AddressSanitizer and UBSan into
# build/san/, apart from the normal objects, and the tests run those.
SAN      = $(if $(TREE),$(filter 1,$(SANITIZE)))
SAN_FLAGS = $(if $(SAN),-fsanitize=address$(comma)undefined -fno-omit-frame-pointer -fno-sanitize-recover=all)
# UBSan linked statically: as a shared library beside ASan's, gcc's UBSan
# ignores log_path and writes its report to standard error (into a tmux
# pane, or /dev/null), where tests/run.sh cannot see it. (clang's runtime
# would log it, but its LeakSanitizer hangs at exit here, spinning.)
SAN_LDFLAGS = $(if $(SAN),-static-libubsan)
comma    := ,
OBJ      = $(if $(TREE),$(if $(SAN),build/san,build),build/installed)
GISE_BIN = $(if $(TREE),$(if $(SAN),$(OBJ)/gise,gise),$(OBJ)/gise)
LIB_OBJ  = $(LIB_SRC:%.c=$(OBJ)/%.o)
UNIT_SRC = $(wildcard tests/unit/test_*.c)
DBT_SRC  = $(wildcard tests/db/test_*.c)
TEST_BIN = $(UNIT_SRC:%.c=$(OBJ)/%) $(DBT_SRC:%.c=$(OBJ)/%)
BENCH_BIN = build/tests/bench/search_bench build/tests/bench/tui_bench build/tests/bench/text_bench \
            build/tests/bench/workflow_bench build/tests/bench/open_bench
LANGS    = tr en
MO       = $(LANGS:%=build/locale/%/LC_MESSAGES/gise.mo)
TOOLS    = build/gen_demo build/fold_keys
# The demo generator: citizens, and the story of each application (db/demo/).
DEMO_OBJ = $(patsubst %.c,build/%.o,$(wildcard db/demo/*.c))

.PHONY: all deps db db-stop demo check fuzz bench bench-audit clean install po pot help
.DELETE_ON_ERROR:
.SECONDARY:

# The demo tools come from the normal build only (db/demo/load.sh runs
# build/gen_demo), so a SANITIZE=1 build leaves them out.
all: $(GISE_BIN) $(MO) $(if $(TREE),$(if $(SAN),,$(TOOLS)))

help:
	@echo 'make              build gise, its catalogues and the demo tools'
	@echo 'make demo         private database with demo data, then run gise on it'
	@echo 'make check        every test (unit, database, terminal, fuzzing on its corpus)'
	@echo 'make check SANITIZE=1  the same with gise and the test programs built with ASan/UBSan (build/san/)'
	@echo 'make fuzz         the libFuzzer harnesses (clang) into build/fuzz/; see tests/fuzz/'
	@echo 'make db [N=...]   private cluster up, migrated, N demo citizens loaded'
	@echo 'make db-stop      stop the private cluster'
	@echo 'make bench [N=..] latency table of the lookups on N demo citizens'
	@echo 'make bench-audit [AUDIT_ROWS=..]  time gise audit verify over that many audit rows (10M)'
	@echo 'make po           refresh i18n/gise.pot and merge it into the catalogues'
	@echo 'make install      install under $$(DESTDIR)$$(PREFIX)'

# Installs missing Debian packages when run as root, otherwise names them.
# Only `make deps` (and the README's two commands, `make demo` and `make
# check`, through it) ever runs a package manager; a plain `make` never does.
deps:
	@sh db/deps.sh $(DEB_PACKAGES)

# Compile-time paths. The header is rewritten only when a path changes,
# so a PREFIX change rebuilds what includes it and nothing else.
hash    := \#
CONFIG_H = $(hash)define GISE_SYSCONFDIR "$(SYSCONFDIR)"\n$(hash)define GISE_LOCALSTATEDIR "$(LOCALSTATEDIR)"\n$(hash)define GISE_LOCALEDIR "$(LOCALEDIR)"\n$(if $(TREE),$(hash)define GISE_TREE "$(TREE)"\n)
$(OBJ)/config.h: FORCE
	@mkdir -p $(OBJ)
	@printf '$(CONFIG_H)' > $@.new
	@cmp -s $@.new $@ && rm -f $@.new || mv $@.new $@
.PHONY: FORCE
FORCE:

$(OBJ)/%.o: %.c | $(OBJ)/config.h
	@mkdir -p $(dir $@)
	$(call say,CC,$<)$(CC) $(ALL_CFLAGS) -MMD -MP -c $< -o $@

$(OBJ)/libgise.a: $(LIB_OBJ)
	@rm -f $@
	$(call say,AR,$@)ar rcs $@ $^

$(GISE_BIN): $(OBJ)/app/main.o $(OBJ)/libgise.a
	$(call say,LINK,$@)$(CC) $(ALL_LDFLAGS) -o $@ $^ $(LIBS)

build/gen_demo: $(DEMO_OBJ) build/libgise.a
	$(call say,LINK,$@)$(CC) $(LDFLAGS) -o $@ $^ $(LIBS)

build/fold_keys: build/tests/db/fold_keys.o build/libgise.a
	$(call say,LINK,$@)$(CC) $(LDFLAGS) -o $@ $^ $(LIBS)

$(OBJ)/tests/%: $(OBJ)/tests/%.o $(OBJ)/libgise.a
	$(call say,LINK,$@)$(CC) $(ALL_LDFLAGS) -o $@ $^ $(LIBS) -lcmocka

build/tests/bench/%: build/tests/bench/%.o build/libgise.a
	$(call say,LINK,$@)$(CC) $(LDFLAGS) -o $@ $^ $(LIBS) -lutil

build/locale/%/LC_MESSAGES/gise.mo: i18n/%.po
	@mkdir -p $(dir $@)
	$(call say,MSGFMT,$<)msgfmt --check --statistics -o $@ $<

# The strings of every source file; `make pot POT=FILE` writes them
# elsewhere (tests/i18n/catalogue.t compares them with the catalogues).
POT ?= i18n/gise.pot
pot:
	xgettext --from-code=UTF-8 --keyword=_ --keyword=N_ --add-comments=TRANSLATORS \
	  --package-name=gise --msgid-bugs-address= -o $(POT) \
	  $$(git ls-files --cached --others --exclude-standard '*.c' '*.h' | sort)

po: pot
	msgmerge --quiet --update --backup=none --no-fuzzy-matching i18n/tr.po $(POT)
	msgmerge --quiet --no-fuzzy-matching i18n/en.po $(POT) | msgen - -o i18n/en.po

db: all
	@sh db/cluster.sh start
	@sh db/migrate.sh --private
	@sh db/demo/load.sh $(N)

db-stop:
	@sh db/cluster.sh stop

demo: deps
	@$(MAKE) --no-print-directory db
	./gise

# SANITIZE=1: the normal build first (the demo tools, the catalogues), then
# the sanitised gise and test programs, which tests/run.sh is told to run.
check: deps
	@$(MAKE) --no-print-directory SANITIZE= all fuzz $(if $(SAN),,$(TEST_BIN))
	$(if $(SAN),@$(MAKE) --no-print-directory $(GISE_BIN) $(TEST_BIN))
	@$(if $(SAN),GISE_BUILD=$(OBJ) GISE_BIN=$(CURDIR)/$(GISE_BIN)) sh tests/run.sh

bench: deps
	@$(MAKE) --no-print-directory all $(BENCH_BIN) db
	@sh tests/bench/run.sh $(N)

# Adds AUDIT_ROWS audit rows to the private database and times `gise audit
# verify` over the whole chain (tests/bench/audit_chain.sh).
AUDIT_ROWS ?= 10000000
bench-audit: deps
	@$(MAKE) --no-print-directory all db
	@sh tests/bench/audit_chain.sh $(AUDIT_ROWS)

clean:
	rm -rf build gise

# --- Fuzzing (make fuzz) ------------------------------------------------------
# One libFuzzer program per tests/fuzz/fuzz_*.c, linked with the library
# compiled again by clang with coverage, AddressSanitizer and UBSan into
# build/fuzz/ (apart from the normal objects). tests/fuzz/fuzz.t runs each
# for a few seconds on its corpus in `make check`; README, Tests.
FUZZ_CC    = clang
FUZZ_FLAGS = -g -O1 -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all
FUZZ_SRC   = $(wildcard tests/fuzz/fuzz_*.c)
FUZZ_BIN   = $(FUZZ_SRC:tests/fuzz/%.c=build/fuzz/%)
FUZZ_LIB   = $(LIB_SRC:%.c=build/fuzz/%.o)

fuzz: $(FUZZ_BIN)

.PHONY: fuzz-cc
fuzz-cc:
	@command -v $(FUZZ_CC) >/dev/null || { echo "make fuzz: $(FUZZ_CC) is missing; make deps installs it" >&2; exit 1; }

build/fuzz/%.o: %.c | $(OBJ)/config.h fuzz-cc
	@mkdir -p $(dir $@)
	$(call say,CLANG,$<)$(FUZZ_CC) $(WARN) -D_DEFAULT_SOURCE -D_XOPEN_SOURCE=700 -I. -I$(OBJ) $(PKG_CFLAGS) \
	  $(FUZZ_FLAGS) -fsanitize=fuzzer-no-link -MMD -MP -c $< -o $@

build/fuzz/libgise.a: $(FUZZ_LIB)
	@rm -f $@
	$(call say,AR,$@)ar rcs $@ $^

build/fuzz/fuzz_%: build/fuzz/tests/fuzz/fuzz_%.o build/fuzz/tests/fuzz/support.o build/fuzz/libgise.a
	$(call say,LINK,$@)$(FUZZ_CC) $(FUZZ_FLAGS) -fsanitize=fuzzer -o $@ $^ $(LIBS)

-include $(shell find build -name '*.d' 2>/dev/null)

# --- Debian package (make deb) ----------------------------------------------
# `make install` lays out an installed gise, `make uninstall` takes it away
# again (the settings file and the letters stay), and `make deb` builds the
# Debian package (debian/) from a copy of the tree and checks it with lintian.
# `install` moved here from above, to keep this block in one piece.
MANDIR         ?= $(DATADIR)/man
DOCDIR         ?= $(DATADIR)/doc/gise
# Debian 12 keeps packaged units in /lib/systemd/system; any other prefix
# keeps them inside itself (systemd also reads /usr/local/lib/systemd/system).
SYSTEMDUNITDIR ?= $(if $(filter /usr,$(PREFIX)),/lib/systemd/system,$(PREFIX)/lib/systemd/system)

# What `make deb` and tests/pkg/deb.t need beyond the rest (adduser for the
# package's postinst, systemd for systemd-analyze, man-db for man).
DEB_PKG_TOOLS = adduser build-essential debhelper lintian man-db systemd
DEB_PACKAGES += $(DEB_PKG_TOOLS)

# The files below name the Debian paths; an install elsewhere gets its own.
INSTALL_PATHS = sed -e 's|/usr/bin/gise|$(BINDIR)/gise|g' \
                    -e 's|/etc/gise/|$(SYSCONFDIR)/gise/|g' \
                    -e 's|/var/spool/gise|$(LOCALSTATEDIR)/spool/gise|g' \
                    -e 's|/usr/share/gise/|$(DATADIR)/gise/|g' \
                    -e 's|/usr/share/doc/gise/|$(DOCDIR)/|g' \
                    -e 's|/lib/systemd/system/|$(SYSTEMDUNITDIR)/|g'
INSTALL_DATA  = app/man/gise.1:$(MANDIR)/man1/gise.1 \
                app/man/gise.conf.5:$(MANDIR)/man5/gise.conf.5 \
                db/systemd/gise-lapse.service:$(SYSTEMDUNITDIR)/gise-lapse.service \
                db/systemd/gise-lapse.timer:$(SYSTEMDUNITDIR)/gise-lapse.timer \
                db/systemd/gise-seal.service:$(SYSTEMDUNITDIR)/gise-seal.service \
                db/systemd/gise-seal.timer:$(SYSTEMDUNITDIR)/gise-seal.timer \
                app/etc/sshd-gise.conf:$(DOCDIR)/examples/sshd-gise.conf

.PHONY: uninstall deb

# An installed build never looks for the source tree: built with TREE=
# (into build/installed/: the development build is left alone).
install:
	@$(MAKE) --no-print-directory TREE= all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/gise/migrations \
	  $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(SYSCONFDIR)/gise \
	  $(DESTDIR)$(SYSTEMDUNITDIR) $(DESTDIR)$(DOCDIR)/examples build/install
	install -m 755 build/installed/gise $(DESTDIR)$(BINDIR)/gise
	install -m 644 db/migrations/*.sql $(DESTDIR)$(DATADIR)/gise/migrations/
	install -m 755 db/migrate.sh $(DESTDIR)$(DATADIR)/gise/migrate.sh
	for l in $(LANGS); do \
	  install -d $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES && \
	  install -m 644 build/locale/$$l/LC_MESSAGES/gise.mo \
	    $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES/gise.mo || exit 1; done
	for f in $(INSTALL_DATA); do \
	  src=$${f%%:*} && $(INSTALL_PATHS) $$src >build/install/$${src##*/} && \
	  install -m 644 build/install/$${src##*/} $(DESTDIR)$${f#*:} || exit 1; done
	install -m 644 LICENSE $(DESTDIR)$(DOCDIR)/LICENSE
	@# An administrator's settings are never overwritten.
	@if [ -e $(DESTDIR)$(SYSCONFDIR)/gise/gise.conf ]; then \
	  echo "install: kept $(DESTDIR)$(SYSCONFDIR)/gise/gise.conf (the new default: app/etc/gise.conf)"; \
	else $(INSTALL_PATHS) app/etc/gise.conf >build/install/gise.conf && \
	  echo "install -m 644 app/etc/gise.conf $(DESTDIR)$(SYSCONFDIR)/gise/gise.conf" && \
	  install -m 644 build/install/gise.conf $(DESTDIR)$(SYSCONFDIR)/gise/gise.conf; fi
	@# Letters: the staff's group only (the package makes it root:gise-staff).
	install -d -m 2770 $(DESTDIR)$(LOCALSTATEDIR)/spool/gise
	@[ -n "$(DESTDIR)" ] || echo "install: give $(LOCALSTATEDIR)/spool/gise to the staff's group:" \
	  "chgrp gise-staff $(LOCALSTATEDIR)/spool/gise"

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/gise $(DESTDIR)$(MANDIR)/man1/gise.1 \
	  $(DESTDIR)$(MANDIR)/man5/gise.conf.5 $(DESTDIR)$(SYSTEMDUNITDIR)/gise-lapse.service \
	  $(DESTDIR)$(SYSTEMDUNITDIR)/gise-lapse.timer $(DESTDIR)$(SYSTEMDUNITDIR)/gise-seal.service \
	  $(DESTDIR)$(SYSTEMDUNITDIR)/gise-seal.timer
	for l in $(LANGS); do rm -f $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES/gise.mo; done
	rm -rf $(DESTDIR)$(DATADIR)/gise $(DESTDIR)$(DOCDIR)
	@echo "uninstall: kept $(DESTDIR)$(SYSCONFDIR)/gise/gise.conf and $(DESTDIR)$(LOCALSTATEDIR)/spool/gise (settings, letters)"

# Built from a copy of the tree without .git, var/, build/ and the binary,
# so nothing of a development build gets in. The package needs no root
# (Rules-Requires-Root: no). Leaves build/deb/gise_VERSION_ARCH.deb, the
# build's log in build/deb/build.log and lintian's findings in
# build/deb/lintian.txt; fails on a lintian error, lists the warnings.
deb:
	@sh db/deps.sh $(DEB_PKG_TOOLS) gettext libncurses-dev libpq-dev libssl-dev libunistring-dev pkg-config
	@rm -rf build/deb && mkdir -p build/deb/src
	$(call say,COPY,build/deb/src)tar -cf - --anchored --exclude=./.git --exclude=./var \
	  --exclude=./build --exclude=./gise --exclude=./debian/gise --exclude=./debian/.debhelper \
	  --exclude=./debian/files --exclude='./debian/*.substvars' --exclude=./debian/debhelper-build-stamp \
	  . | tar -xf - -C build/deb/src
	$(call say,DPKG,build/deb/build.log)cd build/deb/src && \
	  env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL dpkg-buildpackage -b -us -uc -jauto \
	  >../build.log 2>&1 || { tail -n 40 ../build.log; echo "deb: the build failed; see build/deb/build.log"; exit 1; }
	@deb=$$(ls build/deb/gise_*.deb) && echo "  LINT   $$deb" && \
	  { lintian --display-info --fail-on error "$$deb" >build/deb/lintian.txt 2>&1; rc=$$?; } ; \
	  grep -v '^N: *$$' build/deb/lintian.txt | sed 's/^/         /'; \
	  [ $$rc = 0 ] || { echo "deb: lintian found errors (E:) in $$deb"; exit 1; }; \
	  echo "deb: $$deb ($$(grep -c '^W:' build/deb/lintian.txt) lintian warnings)"
