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
PKGS     = ncursesw libpq
# `make V=1` shows the full commands.
Q        = $(if $(V),,@)
say      = $(if $(V),,@printf '  %-6s %s\n' $(1) $(2);)
# Recursive (=) on purpose: `make check` and `make demo` run `deps` first
# and then build in a sub-make, which asks pkg-config afresh.
PKG_CFLAGS = $(filter-out -D_XOPEN_SOURCE=% -D_DEFAULT_SOURCE,\
             $(shell pkg-config --cflags $(PKGS) 2>/dev/null))
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null)
ALL_CFLAGS = $(WARN) -D_DEFAULT_SOURCE -D_XOPEN_SOURCE=700 \
             -I. -Ibuild $(PKG_CFLAGS) $(CFLAGS)
LIBS       = $(PKG_LIBS) -lunistring

# Debian packages the project needs to build, test and run its database.
DEB_PACKAGES = gcc make pkg-config gettext libncurses-dev libpq-dev \
               libunistring-dev libcmocka-dev postgresql-15 \
               postgresql-15-pgtap libtap-parser-sourcehandler-pgtap-perl \
               tmux valgrind procps openssh-server openssh-client

# The floors (DESIGN.md, Layout), bottom up; tests/layout/floors.t keeps
# every include going down.
LIB_SRC  = $(wildcard app/base/*.c) $(wildcard db/*.c) $(wildcard app/core/*.c) \
           $(wildcard app/line/*.c) $(wildcard screens/*.c screens/widgets/*.c)
LIB_OBJ  = $(LIB_SRC:%.c=build/%.o)
UNIT_SRC = $(wildcard tests/unit/test_*.c)
DBT_SRC  = $(wildcard tests/db/test_*.c)
TEST_BIN = $(UNIT_SRC:%.c=build/%) $(DBT_SRC:%.c=build/%)
BENCH_BIN = build/tests/bench/search_bench build/tests/bench/tui_bench \
            build/tests/bench/workflow_bench
LANGS    = tr en
MO       = $(LANGS:%=build/locale/%/LC_MESSAGES/gise.mo)
TOOLS    = build/gen_demo build/fold_keys

.PHONY: all deps db db-stop demo check bench clean install po pot help
.DELETE_ON_ERROR:
.SECONDARY:

all: gise $(MO) $(TOOLS)

help:
	@echo 'make              build gise, its catalogues and the demo tools'
	@echo 'make demo         private database with demo data, then run gise on it'
	@echo 'make check        every test (unit, database, terminal)'
	@echo 'make db [N=...]   private cluster up, migrated, N demo citizens loaded'
	@echo 'make db-stop      stop the private cluster'
	@echo 'make bench [N=..] latency table of the lookups on N demo citizens'
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
build/config.h: FORCE
	@mkdir -p build
	@printf '$(CONFIG_H)' > $@.new
	@cmp -s $@.new $@ && rm -f $@.new || mv $@.new $@
.PHONY: FORCE
FORCE:

build/%.o: %.c | build/config.h
	@mkdir -p $(dir $@)
	$(call say,CC,$<)$(CC) $(ALL_CFLAGS) -MMD -MP -c $< -o $@

build/libgise.a: $(LIB_OBJ)
	@rm -f $@
	$(call say,AR,$@)ar rcs $@ $^

gise: build/app/main.o build/libgise.a
	$(call say,LINK,$@)$(CC) $(LDFLAGS) -o $@ $^ $(LIBS)

build/gen_demo: build/db/demo/gen_demo.o build/libgise.a
	$(call say,LINK,$@)$(CC) $(LDFLAGS) -o $@ $^ $(LIBS)

build/fold_keys: build/tests/db/fold_keys.o build/libgise.a
	$(call say,LINK,$@)$(CC) $(LDFLAGS) -o $@ $^ $(LIBS)

build/tests/%: build/tests/%.o build/libgise.a
	$(call say,LINK,$@)$(CC) $(LDFLAGS) -o $@ $^ $(LIBS) -lcmocka

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
	@sh db/migrate.sh
	@sh db/demo/load.sh $(N)

db-stop:
	@sh db/cluster.sh stop

demo: deps
	@$(MAKE) --no-print-directory db
	./gise

check: deps
	@$(MAKE) --no-print-directory all $(TEST_BIN)
	@sh tests/run.sh

bench: deps
	@$(MAKE) --no-print-directory all $(BENCH_BIN) db
	@sh tests/bench/run.sh $(N)

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/gise/migrations
	install -m 755 gise $(DESTDIR)$(PREFIX)/bin/gise
	install -m 644 db/migrations/*.sql $(DESTDIR)$(PREFIX)/share/gise/migrations/
	install -m 755 db/migrate.sh $(DESTDIR)$(PREFIX)/share/gise/migrate.sh
	for l in $(LANGS); do \
	  install -d $(DESTDIR)$(PREFIX)/share/locale/$$l/LC_MESSAGES && \
	  install -m 644 build/locale/$$l/LC_MESSAGES/gise.mo \
	    $(DESTDIR)$(PREFIX)/share/locale/$$l/LC_MESSAGES/gise.mo; done

clean:
	rm -rf build gise

-include $(shell find build -name '*.d' 2>/dev/null)
