#include "db/demo/story.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "db/demo/calendar.h"
#include "db/demo/jsonb_text.h"
#include "db/demo/rng.h"

enum { MAX_STEPS = 48, NONE = -1 };

/* How long after the step before a step comes: lo..hi working days later
 * (0: the same day, gap_lo..gap_hi minutes later). */
enum timing { T_OPEN, T_REVIEW, T_CHECK, T_NOTICE, T_BEFORE_DEADLINE, T_ACT, T_SUPERVISE, T_COUNTERSIGN,
              T_COMPLETE, T_WITHDRAW, T_LAPSE };
static const struct {
    int days_lo, days_hi, gap_lo, gap_hi;
} timings[] = {
    [T_OPEN] = {0, 0, 0, 0},
    [T_REVIEW] = {0, 2, 3, 40},
    [T_CHECK] = {0, 0, 2, 12},
    [T_NOTICE] = {0, 1, 3, 20},
    [T_BEFORE_DEADLINE] = {1, 1, 0, 0}, /* up to the notice's working days less one: see layout */
    [T_ACT] = {0, 3, 5, 60},
    [T_SUPERVISE] = {0, 3, 10, 120},
    [T_COUNTERSIGN] = {0, 2, 10, 120},
    [T_COMPLETE] = {2, 10, 2, 2},
    [T_WITHDRAW] = {1, 10, 2, 2},
    [T_LAPSE] = {0, 0, 0, 0},           /* the night after the deadline: see layout */
};

/* The statuses a new demo application is given, as often as they appear. */
static const enum demo_status slots[] = {
    DEMO_RECEIVED, DEMO_IN_REVIEW, DEMO_IN_REVIEW, DEMO_AWAITING_DOCUMENTS, DEMO_LAPSED,
    DEMO_ESCALATED, DEMO_APPROVED, DEMO_APPROVED, DEMO_REJECTED, DEMO_COMPLETED, DEMO_COMPLETED,
    DEMO_COMPLETED, DEMO_WITHDRAWN,
};

/* What staff write into the record, in the office's language. */
static const char notice_note[] = "Eksik belgeler tamamlanmalıdır.";
static const char reject_explanation[] = "Başvuru incelendi; gerekçe vatandaşa açıklandı.";
static const char ask_approval[] = "Belgeler eksiksiz; hizmet şef onayı gerektiriyor.";
static const char ask_approval_high[] = "Belgeler eksiksiz ancak hizmet yüksek riskli; onay isteniyor.";
static const char ask_rejection[] = "Ret gerekçesi şef kararı gerektiriyor; başvurunun reddini öneriyorum.";
static const char approve_comment[] = "Belgeler incelendi; onay uygundur.";
static const char reject_comment[] = "Ret gerekçesi yerinde; başvuru reddedilsin.";
static const char deny_comment[] = "Belgeler yeniden incelensin; şimdilik karar verilmedi.";
static const char countersign_comment[] = "İkinci imza: inceleme uygundur.";

struct step {
    enum demo_action action;
    enum demo_status from, to;
    enum timing timing;
    int actor;              /* staff index, or TRAIL_SCHEDULER */
    int doc;                /* a document step: its checklist position */
    bool visit;             /* the citizen is at the counter: the clerk opens their record first */
    int64_t at, visit_at;   /* seconds since 1970, after layout */
};

struct plan {
    const struct world *world;
    const struct world_service *service;
    int office, service_index;
    int clerk, other_clerk, super1, super2;
    enum demo_status status;
    uint16_t brought;       /* documents brought to the opening */
    int missing;            /* the one a deficiency notice asks for, or NONE */
    int reason;             /* the rejection reason asked or given, or NONE */
    int withdraw_reason;
    int backoff;            /* it ends this many working days before today, or more */
    int escalation;         /* the step that escalates, or NONE */
    uint64_t time_seed;
    struct step steps[MAX_STEPS];
    int count;
    int64_t deadline;       /* the notice's, after layout */
};

static bool closes_it(enum demo_status s)
{
    return s == DEMO_COMPLETED || s == DEMO_REJECTED || s == DEMO_LAPSED || s == DEMO_WITHDRAWN;
}

static struct step *add(struct plan *p, enum demo_action action, int actor, enum demo_status to, enum timing t)
{
    if (p->count == MAX_STEPS) {
        fprintf(stderr, "gen_demo: a story longer than %d steps\n", MAX_STEPS);
        exit(1);
    }
    struct step *s = &p->steps[p->count];
    enum demo_status from = p->count ? p->steps[p->count - 1].to : DEMO_RECEIVED;
    *s = (struct step){.action = action, .from = from, .to = to, .timing = t, .actor = actor, .doc = NONE};
    p->count++;
    return s;
}

/* A document step for each document in `mask`, in checklist order. */
static void check_documents(struct plan *p, uint16_t mask, int actor)
{
    for (int i = 0; i < p->service->doc_count; i++)
        if (mask & (1u << i)) {
            enum demo_status here = p->steps[p->count - 1].to;
            add(p, DEMO_DOCUMENT, actor, here, T_CHECK)->doc = i;
        }
}

static uint16_t random_subset(uint64_t *r, uint16_t mask)
{
    return (uint16_t)(mask & rng_next(r));
}

static int random_member(uint64_t *r, uint16_t mask)
{
    int n = __builtin_popcount(mask);
    if (n == 0)
        return NONE;
    int k = (int)rng_below(r, (uint64_t)n);
    for (int i = 0; i < 16; i++)
        if ((mask & (1u << i)) && k-- == 0)
            return i;
    return NONE;
}

/* A rejection reason that needs a supervisor, or NONE. */
static int supervisor_reason(uint64_t *r, const struct world *w)
{
    int n = 0;
    for (int i = 0; i < w->reason_count; i++)
        n += w->reasons[i].needs_supervisor;
    if (n == 0)
        return NONE;
    int k = (int)rng_below(r, (uint64_t)n);
    for (int i = 0; i < w->reason_count; i++)
        if (w->reasons[i].needs_supervisor && k-- == 0)
            return i;
    return NONE;
}

/* An approval: a clerk's for a service a clerk may approve, otherwise an
 * escalation the supervisor approves, and for a service that needs it a
 * second supervisor's countersignature (0016). */
static void approve(struct plan *p)
{
    if (p->service->clerk_approves) {
        add(p, DEMO_APPROVE, p->clerk, DEMO_APPROVED, T_ACT);
        return;
    }
    p->escalation = p->count;
    add(p, DEMO_ESCALATE, p->clerk, DEMO_ESCALATED, T_ACT);
    if (p->service->countersigned) {
        add(p, DEMO_DECIDE, p->super1, DEMO_AWAITING_COUNTERSIGN, T_SUPERVISE);
        add(p, DEMO_COUNTERSIGN, p->super2, DEMO_APPROVED, T_COUNTERSIGN);
    } else {
        add(p, DEMO_DECIDE, p->super1, DEMO_APPROVED, T_SUPERVISE);
    }
}

/* A rejection: the clerk's when the reason and the service allow it,
 * otherwise an escalation asking for it, which the supervisor approves. */
static void reject(struct plan *p, uint64_t *r)
{
    p->reason = (int)rng_below(r, (uint64_t)p->world->reason_count);
    if (p->service->clerk_rejects && !p->world->reasons[p->reason].needs_supervisor) {
        add(p, DEMO_REJECT, p->clerk, DEMO_REJECTED, T_ACT);
        return;
    }
    p->escalation = p->count;
    add(p, DEMO_ESCALATE, p->clerk, DEMO_ESCALATED, T_ACT);
    add(p, DEMO_DECIDE, p->super1, DEMO_REJECTED, T_SUPERVISE);
}

static void choose_people(struct plan *p, uint64_t *r)
{
    const struct world_office *o = &p->world->offices[p->office];
    int h = (int)rng_below(r, (uint64_t)o->handler_count);
    p->clerk = o->handlers[h];
    p->other_clerk = o->handlers[(h + 1 + (int)rng_below(r, (uint64_t)o->handler_count)) % o->handler_count];
    int d = (int)rng_below(r, (uint64_t)o->decider_count);
    p->super1 = o->deciders[d];
    p->super2 = o->deciders[(d + 1 + (int)rng_below(r, (uint64_t)o->decider_count - 1)) % o->decider_count];
}

/* The steps its status implies; no times yet. */
static void plan(struct plan *p, const struct world *w, uint64_t seed, uint32_t citizen)
{
    uint64_t r = rng_stream(seed, citizen, 1);
    memset(p, 0, sizeof *p);
    p->world = w;
    p->time_seed = rng_stream(seed, citizen, 2);
    p->missing = p->reason = p->escalation = NONE;
    p->office = w->story_offices[rng_below(&r, (uint64_t)w->story_office_count)];
    p->service_index = (int)rng_below(&r, (uint64_t)w->service_count);
    p->service = &w->services[p->service_index];
    p->status = slots[rng_below(&r, sizeof slots / sizeof *slots)];
    choose_people(p, &r);
    uint16_t mandatory = 0, optional = 0;
    for (int i = 0; i < p->service->doc_count; i++)
        *(p->service->docs[i].mandatory ? &mandatory : &optional) |= (uint16_t)(1u << i);
    int withdraw_after = (int)rng_below(&r, 3);     /* opened, in review, awaiting documents */
    bool decided = p->status == DEMO_APPROVED || p->status == DEMO_COMPLETED || p->status == DEMO_REJECTED;
    bool detour = rng_below(&r, 4) == 0;
    if (p->status == DEMO_AWAITING_DOCUMENTS || p->status == DEMO_LAPSED ||
        (p->status == DEMO_WITHDRAWN && withdraw_after == 2) || (decided && detour))
        p->missing = random_member(&r, mandatory ? mandatory : optional);
    p->brought = (uint16_t)((mandatory | random_subset(&r, optional)) & ~(p->missing == NONE ? 0 : 1u << p->missing));
    if (p->status == DEMO_RECEIVED && rng_below(&r, 4) == 0)
        p->brought &= (uint16_t)~(1u << random_member(&r, mandatory ? mandatory : optional));
    p->withdraw_reason = (int)rng_below(&r, (uint64_t)demo_withdraw_reasons());
    uint64_t cut = rng_next(&r);
    bool denied_before = rng_below(&r, 4) == 0;

    add(p, DEMO_OPEN, p->clerk, DEMO_RECEIVED, T_OPEN)->visit = true;
    if (p->status == DEMO_RECEIVED)
        goto placed;
    if (p->status == DEMO_WITHDRAWN && withdraw_after == 0) {
        add(p, DEMO_WITHDRAW, p->clerk, DEMO_WITHDRAWN, T_WITHDRAW)->visit = true;
        goto placed;
    }
    add(p, DEMO_REVIEW, p->clerk, DEMO_IN_REVIEW, T_REVIEW);
    check_documents(p, p->status == DEMO_IN_REVIEW || p->status == DEMO_WITHDRAWN ? (uint16_t)(p->brought & cut)
                                                                                 : p->brought, p->clerk);
    if (p->missing != NONE) {
        add(p, DEMO_DEFICIENCY, p->clerk, DEMO_AWAITING_DOCUMENTS, T_NOTICE);
        if (p->status == DEMO_AWAITING_DOCUMENTS)
            goto placed;
        if (p->status == DEMO_LAPSED) {
            add(p, DEMO_LAPSE, TRAIL_SCHEDULER, DEMO_LAPSED, T_LAPSE);
            goto placed;
        }
        if (decided) {
            add(p, DEMO_ARRIVED, p->other_clerk, DEMO_IN_REVIEW, T_BEFORE_DEADLINE)->visit = true;
            check_documents(p, (uint16_t)(1u << p->missing), p->other_clerk);
        }
    }
    switch (p->status) {
    case DEMO_IN_REVIEW:
        if (!p->service->clerk_approves && denied_before) {
            p->escalation = p->count;
            add(p, DEMO_ESCALATE, p->clerk, DEMO_ESCALATED, T_ACT);
            add(p, DEMO_DECIDE, p->super1, DEMO_IN_REVIEW, T_SUPERVISE);
        }
        break;
    case DEMO_ESCALATED:
        if (p->service->clerk_approves)
            p->reason = supervisor_reason(&r, w);
        p->escalation = p->count;
        add(p, DEMO_ESCALATE, p->clerk, DEMO_ESCALATED, T_ACT);
        break;
    case DEMO_APPROVED:
        approve(p);
        break;
    case DEMO_COMPLETED:
        approve(p);
        add(p, DEMO_COMPLETE, p->other_clerk, DEMO_COMPLETED, T_COMPLETE)->visit = true;
        break;
    case DEMO_REJECTED:
        reject(p, &r);
        break;
    case DEMO_WITHDRAWN:
        /* Before the deadline of a notice: after it, the lapse comes first. */
        add(p, DEMO_WITHDRAW, p->clerk, DEMO_WITHDRAWN, p->missing == NONE ? T_WITHDRAW : T_BEFORE_DEADLINE)->visit = true;
        break;
    default:
        break;
    }
placed:
    if (p->steps[p->count - 1].to != p->status) {
        fprintf(stderr, "gen_demo: the story of citizen %" PRIu32 " ends %s, not %s\n", citizen,
                demo_status_code(p->steps[p->count - 1].to), demo_status_code(p->status));
        exit(1);
    }
    /* Open applications are recent; closed ones spread over about a year. */
    switch (p->status) {
    case DEMO_RECEIVED: p->backoff = (int)rng_below(&r, 5); break;
    case DEMO_IN_REVIEW:
    case DEMO_ESCALATED: p->backoff = (int)rng_below(&r, 10); break;
    case DEMO_APPROVED: p->backoff = (int)rng_below(&r, 15); break;
    case DEMO_AWAITING_DOCUMENTS: p->backoff = (int)rng_below(&r, (uint64_t)p->service->deficiency_days / 2 + 1); break;
    default: p->backoff = (int)rng_below(&r, 300); break;
    }
}

/* ---- time -------------------------------------------------------------------- */

/* A minute of the counter's hours on `day`, by u. */
static int some_minute(const struct calendar *c, int64_t day, uint64_t u)
{
    int morning = DEMO_LUNCH - DEMO_OPENS;
    int total = calendar_half(c, day) ? morning : morning + (DEMO_CLOSES - DEMO_AFTER_LUNCH);
    int m = 2 + (int)(u % (uint64_t)(total - 7));
    return m < morning ? DEMO_OPENS + m : DEMO_AFTER_LUNCH + (m - morning);
}

/* Gives every step its time from working day `start` on; returns the last. */
static int64_t layout(struct plan *p, int start)
{
    const struct calendar *c = &p->world->calendar;
    uint64_t r = p->time_seed;
    int w = start;
    int64_t day = calendar_working_day(c, w), prev = 0;
    int minute = 0;
    for (int i = 0; i < p->count; i++) {
        struct step *s = &p->steps[i];
        uint64_t u_days = rng_next(&r), u_minute = rng_next(&r), u_gap = rng_next(&r), u_sec = rng_next(&r);
        if (s->action == DEMO_LAPSE) {
            /* The daily run (gise-lapse.timer, 00:15) after the deadline. */
            s->at = calendar_time(p->deadline + 1, 15 + (int)(u_gap % 11), (int)(u_sec % 60));
            continue;
        }
        int lo = timings[s->timing].days_lo, hi = timings[s->timing].days_hi;
        if (s->timing == T_BEFORE_DEADLINE)
            hi = p->service->deficiency_days - 1 > 1 ? p->service->deficiency_days - 1 : 1;
        int days = i == 0 ? 0 : lo + (int)(u_days % (uint64_t)(hi - lo + 1));
        if (i == 0 || days > 0) {
            w += days;
            day = calendar_working_day(c, w);
            minute = some_minute(c, day, u_minute);
        } else {
            minute += timings[s->timing].gap_lo +
                      (int)(u_gap % (uint64_t)(timings[s->timing].gap_hi - timings[s->timing].gap_lo + 1));
            if (!calendar_half(c, day) && minute >= DEMO_LUNCH && minute < DEMO_AFTER_LUNCH)
                minute += DEMO_AFTER_LUNCH - DEMO_LUNCH;
            if (minute >= calendar_closes(c, day) - 1) {
                day = calendar_working_day(c, ++w);
                minute = DEMO_OPENS + 2 + (int)(u_gap % 30);
            }
        }
        s->at = calendar_time(day, minute, (int)(u_sec % 60));
        if (s->visit) {
            /* The clerk opened the citizen's record a few minutes before. */
            int64_t v = s->at - 60 - (int64_t)((u_sec >> 8) % 240);
            int64_t opens = calendar_time(day, DEMO_OPENS, 0);
            s->visit_at = v < opens ? opens : v;
            if (s->visit_at <= prev)
                s->visit_at = prev + 1;
        }
        if (s->action == DEMO_DEFICIENCY)
            p->deadline = calendar_deadline(c, day, p->service->deficiency_days);
        prev = s->at;
    }
    return p->steps[p->count - 1].at;
}

static int working_index_of(const struct calendar *c, int64_t t)
{
    return calendar_index(c, calendar_local_day(t));
}

int story_place(const struct world *w, uint64_t seed, uint32_t citizen, int64_t today, int64_t *opened)
{
    const struct calendar *c = &w->calendar;
    struct plan p;
    plan(&p, w, seed, citizen);
    int target = calendar_index(c, today) - p.backoff;
    int64_t before = calendar_time(calendar_working_day(c, target), 0, 0);
    if (before > calendar_time(today, 0, 0))
        before = calendar_time(today, 0, 0);
    int start = target - 100;
    int64_t end = layout(&p, start);
    start += target - 1 - working_index_of(c, end);
    for (int tries = 0;; tries++) {
        if (start < 0 || tries == 64) {
            fprintf(stderr, "gen_demo: the story of citizen %" PRIu32 " does not fit the calendar\n", citizen);
            exit(1);
        }
        end = layout(&p, start);
        if (end < before)
            break;
        start -= 1 + working_index_of(c, end) - target;
    }
    *opened = p.steps[0].at;
    return start;
}

/* ---- writing ------------------------------------------------------------------- */

static void put_time(FILE *f, int64_t t)
{
    char text[40];
    calendar_utc_text(t, false, text, sizeof text);
    fputs(text, f);
}

/* A time, or \N; then a tab or the end of the line. */
static void time_or_null(FILE *f, int64_t t, char after)
{
    if (t)
        put_time(f, t);
    else
        fputs("\\N", f);
    putc(after, f);
}

static int staff_id(const struct plan *p, int staff)
{
    return p->world->staff[staff].id;
}

static const struct step *find(const struct plan *p, enum demo_action action)
{
    for (int i = 0; i < p->count; i++)
        if (p->steps[i].action == action)
            return &p->steps[i];
    return NULL;
}

static void write_application(const struct plan *p, uint32_t id, uint32_t citizen, struct story_out *out)
{
    const struct step *open = &p->steps[0], *last = &p->steps[p->count - 1];
    int64_t opened_day = calendar_local_day(open->at);
    int y, m, d;
    calendar_civil(opened_day, &y, &m, &d);
    if (y < STORY_FIRST_YEAR || y >= STORY_FIRST_YEAR + STORY_YEARS) {
        fprintf(stderr, "gen_demo: an application opened in %d\n", y);
        exit(1);
    }
    uint32_t number = ++out->last_number[y - STORY_FIRST_YEAR];
    int version = p->count;     /* one audit row per step, and each step but the opening bumps it */
    char due[16];
    calendar_date_text(calendar_add_working(&p->world->calendar, opened_day, p->service->sla_days), due, sizeof due);
    fprintf(out->application, "%" PRIu32 "\t%04d-%06" PRIu32 "\t%" PRIu32 "\t%d\t%d\t%s\t%d\t", id, y, number, citizen,
            p->service->id, p->world->offices[p->office].id, demo_status_code(p->status), staff_id(p, p->clerk));
    put_time(out->application, open->at);
    fprintf(out->application, "\t%s\t", due);
    time_or_null(out->application, closes_it(p->status) ? last->at : 0, '\t');
    fprintf(out->application, "%d\n", version);
}

static void write_documents(const struct plan *p, uint32_t id, struct story_out *out)
{
    const struct step *arrived = find(p, DEMO_ARRIVED);
    for (int i = 0; i < p->service->doc_count; i++) {
        int64_t received = 0, checked = 0;
        int received_by = 0, checked_by = 0;
        if (p->brought & (1u << i)) {
            received = p->steps[0].at;
            received_by = staff_id(p, p->clerk);
        } else if (i == p->missing && arrived) {
            received = arrived->at;
            received_by = staff_id(p, arrived->actor);
        }
        for (int k = 0; k < p->count; k++)
            if (p->steps[k].action == DEMO_DOCUMENT && p->steps[k].doc == i) {
                checked = p->steps[k].at;
                checked_by = staff_id(p, p->steps[k].actor);
            }
        fprintf(out->document, "%" PRIu32 "\t%d\t", id, p->service->docs[i].type_id);
        time_or_null(out->document, received, '\t');
        if (received_by)
            fprintf(out->document, "%d\t", received_by);
        else
            fputs("\\N\t", out->document);
        time_or_null(out->document, checked, '\t');
        if (checked_by)
            fprintf(out->document, "%d\n", checked_by);
        else
            fputs("\\N\n", out->document);
    }
}

/* The deficiency notice and its item; returns its id (0: none). */
static uint64_t write_notice(const struct plan *p, uint32_t id, bool english, struct story_out *out)
{
    const struct step *issued = find(p, DEMO_DEFICIENCY), *arrived = find(p, DEMO_ARRIVED);
    if (!issued)
        return 0;
    uint64_t notice = ++out->notice_id;
    char deadline[16];
    calendar_date_text(p->deadline, deadline, sizeof deadline);
    fprintf(out->notice, "%" PRIu64 "\t%" PRIu32 "\t%d\t", notice, id, staff_id(p, issued->actor));
    put_time(out->notice, issued->at);
    fprintf(out->notice, "\t%s\t%s\t%s\t", deadline, notice_note, english ? "en" : "tr");
    time_or_null(out->notice, arrived ? arrived->at : 0, '\n');
    fprintf(out->notice_item, "%" PRIu64 "\t%d\n", notice, p->service->docs[p->missing].type_id);
    return notice;
}

/* s as a field of COPY's text format. */
static void copy_field(FILE *f, const char *s)
{
    char buf[2048];
    struct text t = {buf, 0, sizeof buf};
    text_copy_field(&t, s);
    fwrite(t.p, 1, t.len, f);
}

static void decision_row(struct story_out *out, uint32_t id, const char *outcome, const char *reason,
                         const char *explanation, const char *rule, int decided_by, int64_t at, int countersigned_by)
{
    fprintf(out->decision, "%" PRIu64 "\t%" PRIu32 "\t%s\t%s\t", ++out->decision_id, id, outcome, reason ? reason : "\\N");
    copy_field(out->decision, explanation);
    putc('\t', out->decision);
    if (rule)
        copy_field(out->decision, rule);
    else
        fputs("\\N", out->decision);
    fprintf(out->decision, "\t%d\t", decided_by);
    put_time(out->decision, at);
    if (countersigned_by)
        fprintf(out->decision, "\t{}\t%d\n", countersigned_by);
    else
        fputs("\t{}\t\\N\n", out->decision);
}

struct refs {
    uint64_t notice, escalation, countersign;
};

/* The escalation, its decision, the countersignature and the decision
 * record; the ids the audit rows name go to *refs. */
static void write_decisions(const struct plan *p, uint32_t id, struct story_out *out, struct refs *refs)
{
    const struct world *w = p->world;
    const struct step *escalate = p->escalation == NONE ? NULL : &p->steps[p->escalation];
    const struct step *decide = find(p, DEMO_DECIDE), *countersign = find(p, DEMO_COUNTERSIGN);
    const struct step *approve = find(p, DEMO_APPROVE), *reject = find(p, DEMO_REJECT);
    char rule[96];
    if (approve)
        decision_row(out, id, "approved", NULL, "", demo_low_risk_rule(), staff_id(p, approve->actor), approve->at, 0);
    if (reject)
        decision_row(out, id, "rejected", w->reasons[p->reason].code, reject_explanation, NULL,
                     staff_id(p, reject->actor), reject->at, 0);
    if (!escalate)
        return;
    bool asks_reject = p->reason != NONE;
    const char *reason = asks_reject ? ask_rejection : p->service->countersigned ? ask_approval_high : ask_approval;
    bool approved = decide && decide->to != DEMO_IN_REVIEW;
    const char *comment = !decide ? NULL : !approved ? deny_comment : asks_reject ? reject_comment : approve_comment;
    refs->escalation = ++out->escalation_id;
    demo_escalation_rule(refs->escalation, rule, sizeof rule);
    fprintf(out->escalation, "%" PRIu64 "\t%" PRIu32 "\t%d\t", refs->escalation, id, staff_id(p, escalate->actor));
    put_time(out->escalation, escalate->at);
    fprintf(out->escalation, "\t%s\t%s\t%s\t", reason, asks_reject ? "reject" : "approve",
            asks_reject ? w->reasons[p->reason].code : "\\N");
    if (decide) {
        fprintf(out->escalation, "%d\t", staff_id(p, decide->actor));
        put_time(out->escalation, decide->at);
        fprintf(out->escalation, "\t%s\t%s\t\\N\t{}\n", approved ? "approved" : "denied", comment);
    } else {
        fputs("\\N\t\\N\t\\N\t\\N\t\\N\t{}\n", out->escalation);
    }
    if (!approved)
        return;
    if (asks_reject) {
        char explanation[512];
        snprintf(explanation, sizeof explanation, "%s\n%s", reason, comment);
        decision_row(out, id, "rejected", w->reasons[p->reason].code, explanation, rule,
                     staff_id(p, decide->actor), decide->at, 0);
    } else if (countersign) {
        refs->countersign = ++out->countersign_id;
        fprintf(out->countersign, "%" PRIu64 "\t%" PRIu32 "\t%d\t", refs->countersign, id, staff_id(p, decide->actor));
        put_time(out->countersign, decide->at);
        fprintf(out->countersign, "\t%s\t%s\t%" PRIu64 "\t%d\t{}\t%d\t", comment, rule, refs->escalation,
                staff_id(p, escalate->actor), staff_id(p, countersign->actor));
        put_time(out->countersign, countersign->at);
        fprintf(out->countersign, "\tcountersigned\t%s\t\\N\n", countersign_comment);
        char signed_rule[128];
        snprintf(signed_rule, sizeof signed_rule, "%s; countersigned", rule);
        decision_row(out, id, "approved", NULL, comment, signed_rule, staff_id(p, decide->actor), countersign->at,
                     staff_id(p, countersign->actor));
    } else {
        decision_row(out, id, "approved", NULL, comment, rule, staff_id(p, decide->actor), decide->at, 0);
    }
}

static uint32_t trail_time(int64_t t)
{
    return (uint32_t)(t - TRAIL_EPOCH);
}

static void write_events(const struct plan *p, uint32_t id, const struct refs *refs, struct trail *trail)
{
    int order = 0;
    for (int i = 0; i < p->count; i++) {
        const struct step *s = &p->steps[i];
        if (s->visit) {
            struct trail_event *v = trail_add(trail);
            v->at = trail_time(s->visit_at);
            v->app = id;
            v->action = DEMO_VISIT;
            v->actor = (uint8_t)s->actor;
            v->order = (uint8_t)order++;
        }
        struct trail_event *e = trail_add(trail);
        e->at = trail_time(s->at);
        e->app = id;
        e->action = (uint8_t)s->action;
        e->actor = (uint8_t)s->actor;
        e->from = (uint8_t)s->from;
        e->to = (uint8_t)s->to;
        e->order = (uint8_t)order++;
        switch (s->action) {
        case DEMO_OPEN: e->mask = p->brought; break;
        case DEMO_DOCUMENT: e->mask = (uint16_t)s->doc; break;
        case DEMO_DEFICIENCY:
        case DEMO_LAPSE:
            e->ref = (uint32_t)refs->notice;
            e->ref2 = (uint32_t)p->deadline;
            e->mask = (uint16_t)(1u << p->missing);
            break;
        case DEMO_REJECT: e->code = (uint8_t)p->reason; break;
        case DEMO_ESCALATE: e->code = (uint8_t)(p->reason == NONE ? 0 : p->reason + 1); break;
        case DEMO_DECIDE:
            e->ref = (uint32_t)refs->escalation;
            e->ref2 = (uint32_t)(s->to == DEMO_AWAITING_COUNTERSIGN ? refs->countersign : 0);
            e->code = (uint8_t)((s->to != DEMO_IN_REVIEW ? DECIDE_APPROVED : 0) |
                                (p->reason != NONE ? DECIDE_ASKED_REJECT : 0));
            break;
        case DEMO_COUNTERSIGN:
            e->ref = (uint32_t)refs->countersign;
            e->code = (uint8_t)p->super1;
            break;
        case DEMO_WITHDRAW: e->code = (uint8_t)p->withdraw_reason; break;
        default: break;
        }
    }
}

void story_write(const struct world *w, uint64_t seed, uint32_t citizen, bool english, int start, int64_t today,
                 uint32_t id, struct story_out *out, struct trail *trail)
{
    struct plan p;
    plan(&p, w, seed, citizen);
    layout(&p, start);
    if (p.status == DEMO_AWAITING_DOCUMENTS && p.deadline < today) {
        fprintf(stderr, "gen_demo: the open notice of citizen %" PRIu32 " is overdue\n", citizen);
        exit(1);
    }
    trail_app(trail, id, citizen, p.service_index, p.office);
    write_application(&p, id, citizen, out);
    write_documents(&p, id, out);
    struct refs refs = {0};
    refs.notice = write_notice(&p, id, english, out);
    write_decisions(&p, id, out, &refs);
    write_events(&p, id, &refs, trail);
}
