// Subgroup comparison: a forest plot of every unit's effect size, a diamond per moderator level and
// overall, the prediction interval, the per-level table with the test of moderators, and heterogeneity.
import { getBlob, getJson, getText } from '../api.js';
import { resultsLoader } from '../results.js';
import { dataTable, figure, NEUTRAL, PALETTE } from '../charts.js';
import { direction, download, h, interval, logPosition, num, pValue, slug } from '../format.js';
import { CATEGORICAL_MODERATORS, labelOf, METHODS, MODELS, queryForm, ROBUST, TESTS } from './query.js';
import { powerSection } from '../power.js';

export async function render(main, params, context) {
    main.append(h('h1', {}, 'Compare units'),
        h('p', { class: 'lead' }, 'Standardised change in a scale between two timepoints, unit by unit, pooled by random-effects meta-analysis, '
            + 'and compared across the levels of a moderator.'));
    const overview = await context.overview();
    const results = h('section', { class: 'results', 'aria-label': 'Results', id: 'comparison-results' });
    const load = resultsLoader(results, context, {
        route: 'comparison',
        busy: 'Computing…',
        fetch: query => getJson('comparison', query),
        show,
        announce: answer => `Comparison updated: k = ${answer.k}, overall estimate ${num(answer.overall?.estimate, 3)}`
            + (answer.moderatorTest ? `, QM = ${num(answer.moderatorTest.qm)}` : ''),
    });
    const { form, read } = queryForm(overview, params, { moderator: 'single', onChange: load });
    main.append(form, results);
    if (!(overview.scales || []).length) {
        context.showInfo('No instrument has been administered yet: there is nothing to compare.');
        return;
    }
    await load(read());
}


function stat(testid, value, text) {
    return h('span', { class: 'stat', 'data-testid': testid, 'data-value': value ?? '' }, text);
}

/** The facts every figure of a comparison carries. */
export function facts(a) {
    return [
        `k = ${a.k} ${a.unit === 'institution' ? 'institutions' : 'groups'}`,
        `n = ${a.participants} participants`,
        `measure ${a.measure} (${a.from} → ${a.to})`,
        `estimator ${labelOf(METHODS, a.method)}, ${labelOf(TESTS, a.test)}`,
        `model ${labelOf(MODELS, a.model || 'two-level')}, ${labelOf(ROBUST, a.robust || 'none')}`,
        `${a.instrument} · ${a.scale}: ${direction(a.direction)}`,
        logPosition(a),
    ];
}

function show(results, a, query) {
    const o = a.overall || {};
    const mt = a.moderatorTest;
    const statistic = a.test === 'knha' ? 't' : 'z';
    const summary = h('div', { class: 'summary-grid' },
        h('section', { 'aria-labelledby': 'pooled-title' },
            h('h2', { id: 'pooled-title' }, 'Pooled effect'),
            h('p', {}, 'k = ', stat('comparison-k', a.k, a.k), ' units, n = ', stat('comparison-participants', a.participants, a.participants), ' participants'),
            h('p', {}, 'Overall estimate ', stat('overall-estimate', o.estimate, num(o.estimate, 3)),
                ` 95 % CI ${interval(o.ciLower, o.ciUpper, 3)}, SE ${num(o.se, 3)}, ${statistic} = ${num(o.statistic)}, p ${pValue(o.pValue)}`),
            h('p', {}, `95 % prediction interval ${interval(o.predictionLower, o.predictionUpper, 3)}`),
            o.robust ? h('p', { 'data-testid': 'overall-robust' }, `CR2 by institution (${o.robust.institutions} institutions): SE ${num(o.robust.se, 3)}, `
                + `t = ${num(o.robust.statistic)}, df = ${num(o.robust.df2, 1)}, p ${pValue(o.robust.pValue)}, 95 % CI ${interval(o.robust.ciLower, o.robust.ciUpper, 3)}`) : null),
        h('section', { 'aria-labelledby': 'heterogeneity-title' },
            h('h2', { id: 'heterogeneity-title' }, 'Heterogeneity'),
            h('p', {}, 'τ² = ', stat('tau2', o.tau2, num(o.tau2, 4)), ', I² = ', stat('i2', o.i2, `${num(o.i2, 1)} %`),
                `, H² = ${num(o.h2)}`),
            h('p', {}, `Q(df = ${o.qDf ?? '—'}) = ${num(o.q)}, p ${pValue(o.qPValue)}`),
            (o.components || []).map(c => h('p', { 'data-testid': 'component' },
                `σ² ${c.factor} (${c.levels} levels) = ${num(c.sigma2, 4)}, I² = ${num(c.i2, 1)} %`))),
        mt ? h('section', { 'aria-labelledby': 'moderator-test-title' },
            h('h2', { id: 'moderator-test-title' }, `Test of moderator: ${labelOf(CATEGORICAL_MODERATORS, a.moderator)}`),
            h('p', {}, `QM(df = ${mt.qmDf ?? '—'}) = `, stat('qm', mt.qm, num(mt.qm)), ', p = ', stat('qm-p', mt.qmPValue, pValue(mt.qmPValue))),
            h('p', {}, `Residual heterogeneity QE(df = ${mt.qeDf ?? '—'}) = ${num(mt.qe)}, p ${pValue(mt.qePValue)}`),
            mt.robust ? h('p', {}, `CR2 (HTZ) F(${num(mt.robust.df1, 0)}, ${num(mt.robust.df2, 1)}) = ${num(mt.robust.statistic)}, p ${pValue(mt.robust.pValue)}`) : null) : null);

    results.replaceChildren(summary);
    const fig = h('div');
    results.append(fig);
    forestPlot(fig, a, query);

    if (a.levels) {
        results.append(h('h2', {}, `By ${labelOf(CATEGORICAL_MODERATORS, a.moderator).toLowerCase()}`),
            h('div', { class: 'table-scroll' }, dataTable({
                caption: `Pooled estimate per level; QM(df = ${mt?.qmDf ?? '—'}) = ${num(mt?.qm)}, p ${pValue(mt?.qmPValue)}`,
                testid: 'levels-table',
                columns: [
                    { key: 'level', label: 'Level' },
                    { key: 'k', label: 'k', numeric: true },
                    { key: 'participants', label: 'n', numeric: true },
                    { key: 'estimate', label: 'Estimate', numeric: true, format: r => num(r.estimate, 3) },
                    { key: 'ci', label: '95 % CI', numeric: true, format: r => interval(r.ciLower, r.ciUpper, 3) },
                    { key: 'pi', label: '95 % PI', numeric: true, format: r => interval(r.predictionLower, r.predictionUpper, 3) },
                    { key: 'tau2', label: 'τ²', numeric: true, format: r => num(r.tau2, 4) },
                    { key: 'i2', label: 'I² (%)', numeric: true, format: r => num(r.i2, 1) },
                    { key: 'notes', label: 'Why a figure is blank', format: r => (r.notes || []).join(' ') },
                ],
                rows: a.levels,
            })));
        results.append(powerSection('comparison', query));
    }
    if ((a.excluded || []).length) {
        results.append(h('h2', {}, `Excluded units (${a.excluded.length})`),
            h('ul', { 'data-testid': 'excluded' }, a.excluded.map(e => h('li', {}, `${e.unitId}: ${e.reason}`))));
    }
    if ((a.notes || []).length) {
        results.append(h('h2', {}, 'Notes'), h('ul', {}, a.notes.map(n => h('li', {}, n))));
    }
}

/** The rows of the forest plot, top to bottom: units by level, each level's diamond, overall, prediction interval. */
function forestRows(a) {
    const rows = [];
    const units = a.rows || [];
    const maxWeight = Math.max(...units.map(r => (r.vi > 0 ? 1 / r.vi : 0)), 0);
    const unitRow = (r, colour, level) => ({
        kind: 'unit', label: r.unitId, colour, level, estimate: r.yi, lower: r.ciLower, upper: r.ciUpper, n: r.n, vi: r.vi,
        size: maxWeight > 0 && r.vi > 0 ? 5 + 11 * Math.sqrt((1 / r.vi) / maxWeight) : 6,
        institution: r.institutionId,
    });
    if (a.moderator && a.levels) {
        const levelOf = r => r.moderators?.[a.moderator];
        a.levels.forEach((level, i) => {
            const colour = PALETTE[i % (PALETTE.length - 1)];
            units.filter(r => String(levelOf(r)) === String(level.level)).forEach(r => rows.push(unitRow(r, colour, level.level)));
            rows.push({
                kind: 'level', label: `${level.level} (k = ${level.k}, n = ${level.participants ?? '—'})`, colour, level: level.level,
                estimate: level.estimate, lower: level.ciLower, upper: level.ciUpper,
                predictionLower: level.predictionLower, predictionUpper: level.predictionUpper,
            });
        });
        const known = new Set(a.levels.map(l => String(l.level)));
        units.filter(r => !known.has(String(levelOf(r)))).forEach(r => rows.push(unitRow(r, NEUTRAL, 'no level')));
    } else {
        units.forEach(r => rows.push(unitRow(r, PALETTE[0], null)));
    }
    const o = a.overall || {};
    rows.push({ kind: 'overall', label: `Overall (k = ${o.k ?? a.k}, n = ${a.participants})`, colour: '#000000', estimate: o.estimate, lower: o.ciLower, upper: o.ciUpper });
    rows.push({ kind: 'prediction', label: '95 % prediction interval', colour: '#000000', estimate: o.estimate, lower: o.predictionLower, upper: o.predictionUpper });
    return rows;
}

function forestPlot(parent, a, query) {
    const rows = forestRows(a);
    const index = rows.map((r, i) => ({ ...r, i }));
    const of = kind => index.filter(r => r.kind === kind && r.lower != null && r.upper != null);
    const dataOf = list => list.map(r => ({ value: [r.i, r.estimate, r.lower, r.upper, r.size || 0, r.predictionLower ?? r.estimate, r.predictionUpper ?? r.estimate], row: r }));
    const encode = { x: [1, 2, 3, 5, 6], y: 0 };
    const axisName = `${a.measure}, ${a.from} → ${a.to} (${direction(a.direction)})`;

    const unitSeries = {
        type: 'custom', name: 'Units (95 % CI; square size ∝ weight)', encode, data: dataOf(of('unit')), itemStyle: { color: NEUTRAL },
        renderItem: (params, api) => {
            const row = index[api.value(0)];
            const [x1, y] = api.coord([api.value(2), api.value(0)]);
            const [x2] = api.coord([api.value(3), api.value(0)]);
            const [x] = api.coord([api.value(1), api.value(0)]);
            const s = api.value(4);
            return {
                type: 'group', children: [
                    { type: 'line', shape: { x1, y1: y, x2, y2: y }, style: { stroke: row.colour, lineWidth: 1.5 } },
                    { type: 'rect', shape: { x: x - s / 2, y: y - s / 2, width: s, height: s }, style: { fill: row.colour } },
                ],
            };
        },
        markLine: {
            silent: true, symbol: 'none', label: { show: false },
            lineStyle: { type: 'dashed', color: '#888' }, data: [{ xAxis: 0 }],
        },
    };
    const diamondSeries = {
        type: 'custom', name: 'Pooled (diamond: 95 % CI; dashes: prediction interval)', encode, itemStyle: { color: '#000000' },
        data: dataOf([...of('level'), ...of('overall')]),
        renderItem: (params, api) => {
            const row = index[api.value(0)];
            const band = api.size([0, 1])[1] * 0.35;
            const [lo, y] = api.coord([api.value(2), api.value(0)]);
            const [hi] = api.coord([api.value(3), api.value(0)]);
            const [mid] = api.coord([api.value(1), api.value(0)]);
            const children = [];
            if (row.kind === 'level' && row.predictionLower != null && row.predictionUpper != null) {
                const [p1] = api.coord([row.predictionLower, api.value(0)]);
                const [p2] = api.coord([row.predictionUpper, api.value(0)]);
                children.push({ type: 'line', shape: { x1: p1, y1: y, x2: p2, y2: y }, style: { stroke: row.colour, lineWidth: 1, lineDash: [4, 3] } });
            }
            children.push({
                type: 'polygon', shape: { points: [[lo, y], [mid, y - band], [hi, y], [mid, y + band]] },
                style: { fill: row.kind === 'overall' ? '#000000' : row.colour, stroke: '#000000', lineWidth: 0.5 },
            });
            return { type: 'group', children };
        },
    };
    const predictionSeries = {
        type: 'custom', name: 'Prediction interval (overall)', encode, data: dataOf(of('prediction')), itemStyle: { color: '#000000' },
        renderItem: (params, api) => {
            const [x1, y] = api.coord([api.value(2), api.value(0)]);
            const [x2] = api.coord([api.value(3), api.value(0)]);
            const tick = api.size([0, 1])[1] * 0.25;
            return {
                type: 'group', children: [
                    { type: 'line', shape: { x1, y1: y, x2, y2: y }, style: { stroke: '#000000', lineWidth: 2, lineDash: [6, 4] } },
                    { type: 'line', shape: { x1, y1: y - tick, x2: x1, y2: y + tick }, style: { stroke: '#000000', lineWidth: 2 } },
                    { type: 'line', shape: { x1: x2, y1: y - tick, x2, y2: y + tick }, style: { stroke: '#000000', lineWidth: 2 } },
                ],
            };
        },
    };
    const rightLabels = index.map(r => `${num(r.estimate, 2)} ${interval(r.lower, r.upper, 2)}`);
    const bold = new Set(index.filter(r => r.kind !== 'unit').map(r => r.i));
    const columns = [
        { key: 'label', label: 'Row' },
        { key: 'kind', label: 'Kind' },
        { key: 'level', label: 'Level', format: r => r.level ?? '' },
        { key: 'institution', label: 'Institution', format: r => r.institution ?? '' },
        { key: 'n', label: 'n', numeric: true, format: r => r.n ?? '' },
        { key: 'estimate', label: 'Estimate', numeric: true, format: r => num(r.estimate, 3) },
        { key: 'vi', label: 'Variance', numeric: true, format: r => (r.vi == null ? '' : num(r.vi, 4)) },
        { key: 'lower', label: 'Lower', numeric: true, format: r => num(r.lower, 3) },
        { key: 'upper', label: 'Upper', numeric: true, format: r => num(r.upper, 3) },
    ];
    const tableRows = index.map(r => ({ ...r, _class: r.kind === 'unit' ? '' : 'pooled' }));
    figure(parent, {
        id: 'forest',
        title: `Forest plot: ${a.instrument} · ${a.scale}${a.moderator ? ` by ${labelOf(CATEGORICAL_MODERATORS, a.moderator).toLowerCase()}` : ''}`,
        filename: `forest-${a.instrument}-${a.scale}-${a.moderator || 'overall'}`,
        summary: `Effect size with 95 % confidence interval for each of ${a.k} units`
            + (a.levels ? `, a diamond for each of ${a.levels.length} levels of ${a.moderator}` : '')
            + `, overall ${num(a.overall?.estimate, 3)} ${interval(a.overall?.ciLower, a.overall?.ciUpper, 3)}`
            + `, prediction interval ${interval(a.overall?.predictionLower, a.overall?.predictionUpper, 3)}.`,
        facts: facts(a),
        suppressed: { units: a.suppressedUnits, minimumCellSize: a.minimumCellSize, byReason: a.withheldUnits },
        height: Math.max(240, rows.length * 22 + 130),
        option: {
            tooltip: {
                trigger: 'item',
                formatter: p => {
                    const r = p.data.row;
                    return `<b>${escape(r.label)}</b><br>estimate ${num(r.estimate, 3)} ${interval(r.lower, r.upper, 3)}`
                        + (r.n != null ? `<br>n = ${r.n}, variance ${num(r.vi, 4)}` : '');
                },
            },
            legend: { bottom: 0, data: [unitSeries.name, diamondSeries.name, predictionSeries.name] },
            grid: { left: labelWidth(index.map(r => r.label)), right: labelWidth(rightLabels), top: 16, bottom: 96 },
            xAxis: { type: 'value', name: axisName, nameLocation: 'middle', nameGap: 30, scale: true, splitLine: { lineStyle: { color: '#eee' } } },
            yAxis: [
                {
                    type: 'category', inverse: true, data: index.map(r => r.label),
                    axisTick: { show: false }, axisLine: { show: false },
                    axisLabel: { interval: 0, formatter: (value, i) => (bold.has(i) ? `{b|${value}}` : value), rich: { b: { fontWeight: 'bold' } } },
                },
                {
                    type: 'category', inverse: true, position: 'right', data: rightLabels,
                    axisTick: { show: false }, axisLine: { show: false },
                    axisLabel: { interval: 0, fontFamily: 'ui-monospace, monospace', formatter: (value, i) => (bold.has(i) ? `{b|${value}}` : value), rich: { b: { fontWeight: 'bold', fontFamily: 'ui-monospace, monospace' } } },
                },
            ],
            series: [unitSeries, diamondSeries, predictionSeries],
        },
        table: { columns, rows: tableRows },
        csv: {
            columns: [
                { key: 'label', label: 'row' }, { key: 'kind', label: 'kind' }, { key: 'level', label: 'level' },
                { key: 'institution', label: 'institution' }, { key: 'n', label: 'n' }, { key: 'estimate', label: 'estimate' },
                { key: 'vi', label: 'vi' }, { key: 'lower', label: 'ci_lower' }, { key: 'upper', label: 'ci_upper' },
            ],
            rows: index,
        },
        downloads: [{
            label: 'effect-sizes.csv',
            action: async () => download(`effect-sizes-${slug(a.instrument)}-${slug(a.scale)}.csv`, await getText('effect-sizes.csv', query), 'text/csv'),
        }, {
            label: 'Reproduce in R (zip)',
            action: async () => download(`bundle-${slug(a.instrument)}-${slug(a.scale)}.zip`,
                await getBlob('bundle.zip', { ...query, answer: 'comparison' }, 'application/zip'), 'application/zip'),
        }],
    });
}

/** Room for the longest axis label, in bold, at the chart's 12px font. */
function labelWidth(labels) {
    return 16 + 7.6 * Math.max(8, ...labels.map(l => String(l).length));
}

function escape(text) {
    return String(text).replace(/[&<>"]/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }[c]));
}
