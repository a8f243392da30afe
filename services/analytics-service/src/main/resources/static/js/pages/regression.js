// Meta-regression: each unit's effect size against a continuous moderator, bubble area proportional to
// its inverse-variance weight, with the fitted line and its confidence band.
import { getJson, getText } from '../api.js';
import { resultsLoader } from '../results.js';
import { bandSeries, dataTable, figure, PALETTE } from '../charts.js';
import { direction, download, h, interval, logPosition, num, pValue, slug } from '../format.js';
import { CONTINUOUS_MODERATORS, labelOf, METHODS, queryForm, TESTS } from './query.js';
import { powerSection } from '../power.js';

export async function render(main, params, context) {
    main.append(h('h1', {}, 'Meta-regression'),
        h('p', { class: 'lead' }, 'Does the effect grow or shrink with a continuous characteristic of the units? '
            + 'Mixed-effects meta-regression of the standardised change on one moderator.'));
    const overview = await context.overview();
    const results = h('section', { class: 'results', 'aria-label': 'Results', id: 'regression-results' });
    const load = resultsLoader(results, context, {
        route: 'regression',
        busy: 'Fitting…',
        fetch: query => getJson('meta-regression', query),
        show,
        announce: answer => `Meta-regression updated: k = ${answer.k}, QM = ${num(answer.qm)}`,
    });
    const { form, read } = queryForm(overview, params, { moderator: 'continuous', onChange: load });
    main.append(form, results);
    if (!(overview.scales || []).length) {
        context.showInfo('No instrument has been administered yet: there is nothing to model.');
        return;
    }
    await load(read());
}


function show(results, a, query) {
    const moderator = (a.moderators || [])[0];
    const moderatorLabel = labelOf(CONTINUOUS_MODERATORS, moderator);
    const statistic = a.test === 'knha' ? 't' : 'z';
    results.replaceChildren(
        h('div', { class: 'summary-grid' },
            h('section', { 'aria-labelledby': 'model-title' },
                h('h2', { id: 'model-title' }, 'Model'),
                h('p', {}, 'k = ', h('span', { class: 'stat', 'data-testid': 'regression-k', 'data-value': a.k }, a.k),
                    ` units, n = ${a.participants} participants`),
                h('p', {}, `QM(df = ${a.qmDf ?? '—'}) = `, h('span', { class: 'stat', 'data-testid': 'regression-qm', 'data-value': a.qm ?? '' }, num(a.qm)),
                    `, p ${pValue(a.qmPValue)}`),
                h('p', {}, `Residual heterogeneity QE(df = ${a.qeDf ?? '—'}) = ${num(a.qe)}, p ${pValue(a.qePValue)}`),
                h('p', {}, `τ² = ${num(a.tau2, 4)}, I² = ${num(a.i2, 1)} %, R² = ${num(a.r2, 1)} %`)),
            h('section', { 'aria-labelledby': 'coefficients-title' },
                h('h2', { id: 'coefficients-title' }, 'Coefficients'),
                dataTable({
                    testid: 'coefficients',
                    columns: [
                        { key: 'name', label: 'Term' },
                        { key: 'estimate', label: 'Estimate', numeric: true, format: r => num(r.estimate, 3) },
                        { key: 'se', label: 'SE', numeric: true, format: r => num(r.se, 3) },
                        { key: 'statistic', label: statistic, numeric: true, format: r => num(r.statistic) },
                        { key: 'pValue', label: 'p', numeric: true, format: r => pValue(r.pValue) },
                        { key: 'ci', label: '95 % CI', numeric: true, format: r => interval(r.ciLower, r.ciUpper, 3) },
                    ],
                    rows: a.coefficients || [],
                }))));

    const points = (a.rows || [])
        .map(r => ({ ...r, x: r.moderators?.[moderator] }))
        .filter(r => typeof r.x === 'number');
    const missing = (a.rows || []).length - points.length;
    const maxWeight = Math.max(...points.map(r => (r.vi > 0 ? 1 / r.vi : 0)), 0);
    const diameter = r => (maxWeight > 0 && r.vi > 0 ? 36 * Math.sqrt((1 / r.vi) / maxWeight) : 6);
    const fitted = a.fitted || [];
    const facts = [
        `k = ${a.k} ${a.unit === 'institution' ? 'institutions' : 'groups'}`,
        `n = ${a.participants} participants`,
        `measure ${a.measure} (${a.from} → ${a.to})`,
        `estimator ${labelOf(METHODS, a.method)}, ${labelOf(TESTS, a.test)}`,
        `${a.instrument} · ${a.scale}: ${direction(a.direction)}`,
        logPosition(a),
    ];
    const notes = [...(a.notes || [])];
    if (missing > 0) {
        notes.push(`${missing} units have no value of ${moderatorLabel.toLowerCase()} and are not plotted.`);
    }
    if (!fitted.length) {
        notes.push('No fitted line: the API gives one only for a model with exactly one moderator.');
    }

    const fig = h('div');
    results.append(fig);
    figure(fig, {
        id: 'bubble',
        title: `${a.instrument} · ${a.scale} against ${moderatorLabel.toLowerCase()}`,
        filename: `meta-regression-${a.instrument}-${a.scale}-${moderator}`,
        summary: `Bubble plot of ${points.length} units' effect sizes against ${moderatorLabel.toLowerCase()}, bubble area proportional to weight, `
            + (fitted.length ? `with the fitted line from ${num(fitted[0].estimate, 3)} to ${num(fitted[fitted.length - 1].estimate, 3)} and its 95 % confidence band.` : 'without a fitted line.'),
        facts,
        suppressed: { units: a.suppressedUnits, minimumCellSize: a.minimumCellSize, byReason: a.withheldUnits },
        notes,
        height: 460,
        option: {
            tooltip: {
                trigger: 'item',
                formatter: p => (p.seriesIndex === 2
                    ? `<b>${p.data.row.unitId}</b><br>${moderator} ${num(p.data.row.x)}<br>estimate ${num(p.data.row.yi, 3)} ${interval(p.data.row.ciLower, p.data.row.ciUpper, 3)}<br>n = ${p.data.row.n}`
                    : `${moderator} ${num(p.value[0])}: fitted ${num(p.value[1], 3)}`),
            },
            legend: { top: 0 },
            grid: { left: 60, right: 24, top: 40, bottom: 56 },
            xAxis: { type: 'value', scale: true, name: moderatorLabel, nameLocation: 'middle', nameGap: 30 },
            yAxis: { type: 'value', scale: true, name: `${a.measure} (${direction(a.direction)})`, nameLocation: 'middle', nameGap: 44 },
            series: [
                bandSeries(fitted.map(f => ({ x: f.x, lower: f.ciLower, upper: f.ciUpper }))),
                {
                    type: 'line', name: 'Fitted', showSymbol: false, data: fitted.map(f => [f.x, f.estimate]),
                    lineStyle: { color: PALETTE[0], width: 2.5 }, itemStyle: { color: PALETTE[0] },
                },
                {
                    type: 'scatter', name: 'Units (area ∝ 1/vi)',
                    data: points.map(r => ({ value: [r.x, r.yi], symbolSize: Math.max(4, diameter(r)), row: r })),
                    itemStyle: { color: PALETTE[1], opacity: 0.6, borderColor: '#000', borderWidth: 0.5 },
                    markLine: { silent: true, symbol: 'none', label: { show: false }, lineStyle: { type: 'dashed', color: '#888' }, data: [{ yAxis: 0 }] },
                },
            ],
        },
        table: {
            columns: [
                { key: 'unitId', label: 'Unit' },
                { key: 'institutionId', label: 'Institution' },
                { key: 'x', label: moderatorLabel, numeric: true, format: r => num(r.x) },
                { key: 'yi', label: 'Estimate', numeric: true, format: r => num(r.yi, 3) },
                { key: 'vi', label: 'Variance', numeric: true, format: r => num(r.vi, 4) },
                { key: 'n', label: 'n', numeric: true },
            ],
            rows: points,
        },
        csv: {
            columns: [
                { key: 'unitId', label: 'unit' }, { key: 'institutionId', label: 'institution' }, { key: 'x', label: moderator },
                { key: 'yi', label: 'yi' }, { key: 'vi', label: 'vi' }, { key: 'n', label: 'n' },
            ],
            rows: points,
        },
        downloads: [
            {
                label: 'Fitted line CSV',
                action: () => download(`fitted-${slug(a.instrument)}-${slug(moderator)}.csv`,
                    ['x,estimate,ci_lower,ci_upper', ...fitted.map(f => [f.x, f.estimate, f.ciLower, f.ciUpper].map(v => v ?? 'NA').join(','))].join('\n') + '\n', 'text/csv'),
            },
            {
                label: 'effect-sizes.csv',
                action: async () => {
                    const { moderators, ...comparisonQuery } = query;
                    download(`effect-sizes-${slug(a.instrument)}-${slug(a.scale)}.csv`, await getText('effect-sizes.csv', comparisonQuery), 'text/csv');
                },
            },
        ],
    });
    results.append(powerSection('regression', query));
}
