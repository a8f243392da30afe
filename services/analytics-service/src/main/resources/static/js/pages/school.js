// A school's own picture: its groups' attendance and meeting frequency, and its outcomes, each against
// the consortium; then what keeps its units out of the analysis.
import { getJson } from '../api.js';
import { resultsLoader } from '../results.js';
import { figure, NEUTRAL, PALETTE } from '../charts.js';
import { direction, h, interval, logPosition, num, percent } from '../format.js';
import { missingSection } from './missing.js';

export async function render(main, params, context) {
    main.append(h('h1', {}, 'School'),
        h('p', { class: 'lead' }, 'One institution\'s groups and outcomes against the whole consortium. A school key sees its own institution only.'));
    const input = h('input', { id: 'institution', name: 'institution', value: params.institution || '', required: true, autocomplete: 'off', spellcheck: 'false' });
    const form = h('form', { class: 'controls', 'aria-label': 'Institution' },
        h('label', { for: 'institution' }, 'Institution id', input),
        h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, 'Show')));
    const results = h('section', { class: 'results', 'aria-label': 'Results', id: 'school-results' });
    const loader = resultsLoader(results, context, {
        route: 'school',
        busy: 'Loading…',
        fetch: query => getJson(`institutions/${encodeURIComponent(query.institution)}/summary`),
        show: (section, summary) => {
            show(section, summary);
            missingSection(section, summary.institutionId, (summary.outcomes || []).map(o => [o.instrument, o.scale]));
        },
        announce: summary => `${summary.institutionId}: ${summary.groups?.length ?? 0} groups.`,
    });
    const load = institution => (institution ? loader({ institution }) : Promise.resolve());
    main.append(form, results);
    form.addEventListener('submit', event => {
        event.preventDefault();
        load(input.value.trim());
    });
    let institution = params.institution;
    if (!institution) {
        institution = await guessInstitution(context);
        input.value = institution || '';
    }
    if (institution) {
        await load(institution);
    } else {
        context.showInfo('Type the institution id to show.');
        input.focus();
    }
}

/** The institution of the first unit the API shows this key: for a school key, its own. */
async function guessInstitution(context) {
    try {
        const overview = await context.overview();
        const first = (overview.scales || [])[0];
        if (!first) {
            return '';
        }
        const comparison = await getJson('comparison', { instrument: first.instrument, scale: first.scale });
        return comparison.rows?.[0]?.institutionId || '';
    } catch {
        return '';
    }
}


function show(results, s) {
    results.replaceChildren(h('h2', {}, `Institution ${s.institutionId}`));
    const groups = s.groups || [];
    const c = s.consortium || {};
    const common = [`k = ${groups.length} groups`, `n = ${groups.reduce((t, g) => t + (g.sessionsHeld || 0), 0)} sessions held`];
    const groupColumns = [
        { key: 'groupId', label: 'Group' },
        { key: 'sessionsHeld', label: 'Sessions held', numeric: true },
        { key: 'meanAttendancePerSession', label: 'Mean present per session', numeric: true, format: r => num(r.meanAttendancePerSession, 1) },
        { key: 'attendanceRate', label: 'Attendance rate', numeric: true, format: r => percent(r.attendanceRate), csv: r => r.attendanceRate },
        { key: 'sessionsPerMonth', label: 'Sessions per month', numeric: true, format: r => num(r.sessionsPerMonth, 2) },
        { key: 'meanDose', label: 'Mean dose (sessions attended)', numeric: true, format: r => num(r.meanDose, 1) },
    ];
    const consortiumLine = (value, label) => ({
        silent: true, symbol: 'none', lineStyle: { color: '#000', type: 'dashed', width: 2 },
        label: { formatter: label, position: 'insideEndTop' }, data: value == null ? [] : [{ yAxis: value }],
    });
    const bars = (id, title, key, consortium, format, axisFormatter, colour, pattern) => figure(results, {
        id,
        title,
        summary: `${title} for each of ${groups.length} groups of ${s.institutionId}; consortium ${format(consortium)} shown as a dashed line.`,
        facts: [...common, `measure: ${title.toLowerCase()} (observed, no estimator)`, `consortium ${format(consortium)}`, logPosition(s)],
        height: 300,
        option: {
            aria: { enabled: true, decal: { show: pattern } },
            tooltip: { trigger: 'axis', valueFormatter: format },
            grid: { left: 64, right: 24, top: 24, bottom: 48 },
            xAxis: { type: 'category', data: groups.map(g => g.groupId), name: 'Group', nameLocation: 'middle', nameGap: 30 },
            yAxis: { type: 'value', axisLabel: { formatter: axisFormatter } },
            series: [{
                type: 'bar', name: title, data: groups.map(g => g[key]), itemStyle: { color: colour },
                markLine: consortiumLine(consortium, `consortium ${format(consortium)}`),
            }],
        },
        table: { columns: groupColumns, rows: groups },
    });
    bars('school-attendance', 'Attendance rate', 'attendanceRate', c.attendanceRate, v => percent(v), v => `${Math.round(v * 100)} %`, PALETTE[0], false);
    bars('school-present', 'Mean present per session', 'meanAttendancePerSession', c.meanAttendancePerSession, v => num(v, 1), v => v, PALETTE[2], false);
    bars('school-frequency', 'Observed sessions per month', 'sessionsPerMonth', c.sessionsPerMonth, v => num(v, 2), v => v, PALETTE[4], false);

    const outcomes = (s.outcomes || []).map((o, i) => ({ ...o, i, label: `${o.instrument} · ${o.scale} (${o.from} → ${o.to})` }));
    const point = (who, o) => ({ value: [o.i, o[who]?.estimate, o[who]?.ciLower, o[who]?.ciUpper], outcome: o, who });
    const whisker = (colour, shift) => (params, api) => {
        if (api.value(1) == null || Number.isNaN(api.value(1))) {
            return null;
        }
        const offset = api.size([1, 0])[0] * shift;
        const [x0, lo] = api.coord([api.value(0), api.value(2)]);
        const [, hi] = api.coord([api.value(0), api.value(3)]);
        const [, mid] = api.coord([api.value(0), api.value(1)]);
        const x = x0 + offset;
        return {
            type: 'group', children: [
                { type: 'line', shape: { x1: x, y1: lo, x2: x, y2: hi }, style: { stroke: colour, lineWidth: 2 } },
                { type: 'circle', shape: { cx: x, cy: mid, r: 5 }, style: { fill: colour } },
            ],
        };
    };
    const cell = (o, who) => (o[who]?.estimate == null
        ? `not shown (k = ${o[who]?.k ?? 0}: too few or suppressed)`
        : `${num(o[who].estimate, 3)} ${interval(o[who].ciLower, o[who].ciUpper, 3)}, k = ${o[who].k}`);
    figure(results, {
        id: 'school-outcomes',
        title: 'Outcomes against the consortium',
        summary: outcomes.map(o => `${o.label}: own ${cell(o, 'own')}; consortium ${cell(o, 'consortium')}`).join('. '),
        facts: [
            `k = ${outcomes.map(o => `${o.own?.k ?? 0} own / ${o.consortium?.k ?? 0} consortium units`).join(', ') || '0'}`,
            `measure ${outcomes[0]?.measure || 'SMCR'}, estimator ${outcomes[0]?.method || 'REML'} (pooled standardised change, 95 % CI)`,
            ...outcomes.map(o => `${o.instrument} · ${o.scale}: ${direction(o.direction)}`),
            logPosition(s),
        ],
        notes: outcomes.filter(o => o.own?.estimate == null).map(o => `${o.label}: this institution's estimate is not shown (k = ${o.own?.k ?? 0}): too few units or suppressed cells.`),
        height: 320,
        option: {
            legend: { top: 0 },
            tooltip: { trigger: 'item', formatter: p => `${p.data.outcome.label}<br>${p.data.who}: ${cell(p.data.outcome, p.data.who)}` },
            grid: { left: 64, right: 24, top: 40, bottom: 64 },
            xAxis: { type: 'category', data: outcomes.map(o => o.label.replace(' (', '\n(')), axisLabel: { interval: 0 } },
            yAxis: { type: 'value', scale: true, name: 'Standardised change', nameLocation: 'middle', nameGap: 44 },
            series: [
                {
                    type: 'custom', name: s.institutionId, renderItem: whisker(PALETTE[1], -0.1), itemStyle: { color: PALETTE[1] },
                    encode: { x: 0, y: [1, 2, 3] }, data: outcomes.map(o => point('own', o)),
                    markLine: { silent: true, symbol: 'none', label: { show: false }, lineStyle: { type: 'dashed', color: '#888' }, data: [{ yAxis: 0 }] },
                },
                {
                    type: 'custom', name: 'Consortium', renderItem: whisker(NEUTRAL, 0.1), itemStyle: { color: NEUTRAL },
                    encode: { x: 0, y: [1, 2, 3] }, data: outcomes.map(o => point('consortium', o)),
                },
            ],
        },
        table: {
            columns: [
                { key: 'label', label: 'Outcome' },
                { key: 'direction', label: 'Direction', format: r => direction(r.direction) },
                { key: 'own', label: s.institutionId, format: r => cell(r, 'own') },
                { key: 'consortium', label: 'Consortium', format: r => cell(r, 'consortium') },
            ],
            rows: outcomes,
        },
        csv: {
            columns: [
                { key: 'instrument', label: 'instrument' }, { key: 'scale', label: 'scale' }, { key: 'direction', label: 'direction' },
                { key: 'from', label: 'from' }, { key: 'to', label: 'to' },
                ...['own', 'consortium'].flatMap(who => ['k', 'estimate', 'ciLower', 'ciUpper'].map(f => ({ label: `${who}_${f}`, csv: r => r[who]?.[f] }))),
            ],
            rows: outcomes,
        },
    });
}
