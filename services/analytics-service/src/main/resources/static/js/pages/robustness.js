// Robustness: how the pooled estimate moves when one unit or one institution is left out, which units
// pull on it (Baujat plot), and the small-study diagnostics of the funnel plot (Egger's test, trim-and-fill).
import { getJson } from '../api.js';
import { resultsLoader } from '../results.js';
import { figure, NEUTRAL, PALETTE } from '../charts.js';
import { direction, h, interval, num, pValue } from '../format.js';
import { queryForm } from './query.js';
import { facts } from './comparison.js';

export async function render(main, params, context) {
    main.append(h('h1', {}, 'Robustness'),
        h('p', { class: 'lead' }, 'Does the pooled estimate rest on one unit or one institution? Leave-one-out, influence '
            + 'and small-study diagnostics for the units of a comparison.'));
    const overview = await context.overview();
    const results = h('section', { class: 'results', 'aria-label': 'Results', id: 'robustness-results' });
    const load = resultsLoader(results, context, {
        route: 'robustness',
        busy: 'Refitting…',
        fetch: query => getJson('robustness', query),
        show,
        announce: answer => `Robustness updated: k = ${answer.k}, ${(answer.byInstitution || []).length} institutions left out in turn`,
    });
    const { form, read } = queryForm(overview, params, { moderator: 'none', onChange: load });
    main.append(form, results);
    if (!(overview.scales || []).length) {
        context.showInfo('No instrument has been administered yet: there is nothing to analyse.');
        return;
    }
    await load(read());
}

function show(results, a) {
    const o = a.overall || {};
    results.replaceChildren(h('p', {}, 'Overall estimate ',
        h('span', { class: 'stat', 'data-testid': 'robustness-estimate', 'data-value': o.estimate ?? '' }, num(o.estimate, 3)),
        ` ${interval(o.ciLower, o.ciUpper, 3)} from k = ${a.k} units.`));
    leaveOut(results, a, 'byInstitution', 'Leave one institution out', 'leave-institution');
    if (a.byUnit) {
        leaveOut(results, a, 'byUnit', 'Leave one unit out', 'leave-unit');
    }
    baujat(results, a);
    funnel(results, a);
    if ((a.notes || []).length) {
        results.append(h('h2', {}, 'Notes'), h('ul', {}, a.notes.map(n => h('li', {}, n))));
    }
}

/** Each refit as a point with its 95 % CI, against the full estimate (vertical line). */
function leaveOut(parent, a, key, title, id) {
    const rows = (a[key] || []).map((r, i) => ({ ...r, i }));
    const o = a.overall || {};
    const shown = rows.filter(r => r.estimate != null);
    figure(parent, {
        id,
        title,
        summary: `${rows.length} refits; the full estimate is ${num(o.estimate, 3)}.`,
        facts: facts(a),
        suppressed: { units: a.suppressedUnits, minimumCellSize: a.minimumCellSize, byReason: a.withheldUnits },
        height: Math.max(220, rows.length * 20 + 110),
        notes: rows.filter(r => r.estimate == null).map(r => `Without ${r.left}: ${(r.notes || ['not estimable']).join(' ')}`),
        option: {
            tooltip: { trigger: 'item', formatter: p => `without ${p.data.row.left}: ${num(p.data.row.estimate, 3)} ${interval(p.data.row.ciLower, p.data.row.ciUpper, 3)}` },
            grid: { left: 16 + 7.6 * Math.max(8, ...rows.map(r => String(r.left).length)), right: 24, top: 16, bottom: 48 },
            xAxis: { type: 'value', scale: true, name: `${a.measure}, ${a.from} → ${a.to} (${direction(a.direction)})`, nameLocation: 'middle', nameGap: 30 },
            yAxis: { type: 'category', inverse: true, data: rows.map(r => r.left), axisLabel: { interval: 0 } },
            series: [{
                type: 'custom', name: 'Estimate without (95 % CI)', itemStyle: { color: PALETTE[0] },
                data: shown.map(r => ({ value: [r.i, r.estimate, r.ciLower, r.ciUpper], row: r })),
                encode: { x: [1, 2, 3], y: 0 },
                renderItem: (params, api) => {
                    const [x1, y] = api.coord([api.value(2), api.value(0)]);
                    const [x2] = api.coord([api.value(3), api.value(0)]);
                    const [x] = api.coord([api.value(1), api.value(0)]);
                    return {
                        type: 'group', children: [
                            { type: 'line', shape: { x1, y1: y, x2, y2: y }, style: { stroke: PALETTE[0], lineWidth: 1.5 } },
                            { type: 'circle', shape: { cx: x, cy: y, r: 4 }, style: { fill: PALETTE[0] } },
                        ],
                    };
                },
                markLine: o.estimate == null ? undefined : {
                    silent: true, symbol: 'none', label: { formatter: 'all units' }, lineStyle: { color: '#000', type: 'dashed' },
                    data: [{ xAxis: o.estimate }],
                },
            }],
        },
        table: {
            testid: `${id}-table`,
            columns: [
                { key: 'left', label: 'Left out' },
                { key: 'k', label: 'k', numeric: true },
                { key: 'participants', label: 'n', numeric: true },
                { key: 'estimate', label: 'Estimate', numeric: true, format: r => num(r.estimate, 3) },
                { key: 'ci', label: '95 % CI', numeric: true, format: r => interval(r.ciLower, r.ciUpper, 3) },
                { key: 'tau2', label: 'τ²', numeric: true, format: r => num(r.tau2, 4) },
                { key: 'i2', label: 'I² (%)', numeric: true, format: r => num(r.i2, 1) },
                { key: 'notes', label: 'Why a figure is blank', format: r => (r.notes || []).join(' ') },
            ],
            rows,
        },
    });
}

/** Baujat et al. (2002): contribution to heterogeneity against influence on the pooled result. */
function baujat(parent, a) {
    const rows = a.influence || [];
    figure(parent, {
        id: 'baujat',
        title: 'Baujat plot',
        summary: `${rows.length} units: squared Pearson residual against influence on the overall estimate.`,
        facts: facts(a),
        height: 380,
        notes: rows.some(r => r.influential) ? ['Units flagged as influential by metafor’s rule are drawn in orange.'] : [],
        option: {
            tooltip: { trigger: 'item', formatter: p => `${p.data.row.unitId}: x ${num(p.data.row.baujatX, 3)}, y ${num(p.data.row.baujatY, 3)}` },
            grid: { left: 64, right: 24, top: 16, bottom: 56 },
            xAxis: { type: 'value', name: 'Contribution to heterogeneity (squared Pearson residual)', nameLocation: 'middle', nameGap: 30 },
            yAxis: { type: 'value', name: 'Influence on the overall result', nameLocation: 'middle', nameGap: 48 },
            series: [{
                type: 'scatter', name: 'Units', symbolSize: 9,
                data: rows.map(r => ({ value: [r.baujatX, r.baujatY], row: r, itemStyle: { color: r.influential ? PALETTE[1] : PALETTE[0] } })),
            }],
        },
        table: {
            testid: 'influence-table',
            columns: [
                { key: 'unitId', label: 'Unit' },
                { key: 'standardized', label: 'Std. residual', numeric: true, format: r => num(r.standardized) },
                { key: 'rstudent', label: 'Ext. std. residual', numeric: true, format: r => num(r.rstudent) },
                { key: 'dffits', label: 'DFFITS', numeric: true, format: r => num(r.dffits, 3) },
                { key: 'cooksDistance', label: "Cook's D", numeric: true, format: r => num(r.cooksDistance, 3) },
                { key: 'hat', label: 'Hat', numeric: true, format: r => num(r.hat, 3) },
                { key: 'weight', label: 'Weight (%)', numeric: true, format: r => num(r.weight, 1) },
                { key: 'tau2Deleted', label: 'τ² without', numeric: true, format: r => num(r.tau2Deleted, 4) },
                { key: 'influential', label: 'Influential', format: r => (r.influential ? 'yes' : '') },
            ],
            rows,
        },
    });
}

/** The funnel plot with the small-study diagnostics, labelled as such. */
function funnel(parent, a) {
    const units = a.rows || [];
    const s = a.smallStudy || {};
    const egger = s.egger || {};
    const fill = s.trimAndFill || {};
    const o = a.overall || {};
    const maxSe = Math.max(0.01, ...units.map(r => Math.sqrt(r.vi)));
    const filled = (fill.filledYi || []).map((y, i) => [y, Math.sqrt(fill.filledVi[i])]);
    const centre = o.estimate;
    parent.append(h('h2', {}, 'Small-study diagnostics'), h('p', { class: 'lead', 'data-testid': 'small-study-label' }, s.label || ''));
    figure(parent, {
        id: 'funnel',
        title: 'Funnel plot',
        summary: `${units.length} units, effect against standard error; Egger's test ${egger.statistic == null ? 'not available' : `z = ${num(egger.statistic)}, p ${pValue(egger.pValue)}`}; `
            + `trim-and-fill imputes ${fill.k0 ?? '—'} on the ${fill.side || '—'}.`,
        facts: [
            `Egger's regression test: ${egger.statistic == null ? (egger.notes || ['not available']).join(' ') : `${a.test === 'knha' ? 't' : 'z'} = ${num(egger.statistic)}, p ${pValue(egger.pValue)}, limit estimate ${num(egger.limitEstimate, 3)} ${interval(egger.limitLower, egger.limitUpper, 3)}`}`,
            `Trim-and-fill (L0): ${fill.k0 == null ? (fill.notes || ['not available']).join(' ') : `${fill.k0} imputed on the ${fill.side}, adjusted estimate ${num(fill.adjusted?.estimate, 3)} ${interval(fill.adjusted?.ciLower, fill.adjusted?.ciUpper, 3)}`}`,
        ],
        height: 380,
        option: {
            grid: { left: 64, right: 24, top: 16, bottom: 72 },
            legend: { bottom: 0 },
            xAxis: { type: 'value', scale: true, name: `${a.measure} (${direction(a.direction)})`, nameLocation: 'middle', nameGap: 30 },
            yAxis: { type: 'value', inverse: true, min: 0, max: Math.ceil(maxSe * 105) / 100, name: 'Standard error', nameLocation: 'middle', nameGap: 48 },
            series: [
                { type: 'scatter', name: 'Units', symbolSize: 8, itemStyle: { color: PALETTE[0] }, data: units.map(r => [r.yi, Math.sqrt(r.vi)]) },
                { type: 'scatter', name: 'Imputed by trim-and-fill', symbol: 'circle', symbolSize: 8, itemStyle: { color: '#fff', borderColor: PALETTE[1], borderWidth: 2 }, data: filled },
                centre == null ? null : {
                    type: 'line', name: 'Pseudo 95 % region', symbol: 'none', lineStyle: { color: NEUTRAL, type: 'dashed' },
                    data: [[centre - 1.96 * maxSe, maxSe], [centre, 0], [centre + 1.96 * maxSe, maxSe]],
                },
            ].filter(Boolean),
        },
        table: {
            columns: [
                { key: 'unitId', label: 'Unit' },
                { key: 'yi', label: 'Effect', numeric: true, format: r => num(r.yi, 3) },
                { key: 'se', label: 'SE', numeric: true, format: r => num(Math.sqrt(r.vi), 3) },
            ],
            rows: units,
        },
    });
}
