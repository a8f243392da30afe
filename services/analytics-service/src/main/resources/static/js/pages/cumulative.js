// Evidence over time: a cumulative forest plot, the pooled estimate after each unit is added in the order
// the units reached their second timepoint, or their programmes started (metafor's cumul); the last row is the
// comparison's overall estimate.
import { getJson } from '../api.js';
import { resultsLoader } from '../results.js';
import { figure, PALETTE } from '../charts.js';
import { direction, h, interval, num } from '../format.js';
import { queryForm } from './query.js';
import { facts } from './comparison.js';

const ORDERS = [
    ['completion', 'Month each unit reached its second timepoint'],
    ['start', 'Date its programme started'],
];
const ORDER_PHRASES = { completion: 'the month each unit reached its second timepoint', start: 'programme start' };

export async function render(main, params, context) {
    main.append(h('h1', {}, 'Evidence over time'),
        h('p', { class: 'lead' }, 'How the pooled estimate moved as units were added: by default in the month each unit '
            + 'reached its second timepoint (when its evidence came in), or in the order their programmes started. '
            + 'Ask an earlier data release or an end date to see the evidence as it was.'));
    const overview = await context.overview();
    const results = h('section', { class: 'results', 'aria-label': 'Results', id: 'cumulative-results' });
    const load = resultsLoader(results, context, {
        route: 'cumulative',
        busy: 'Accumulating…',
        fetch: query => getJson('cumulative', query),
        show,
        announce: answer => `Cumulative analysis updated: ${(answer.steps || []).length} steps`,
    });
    const { form, read } = queryForm(overview, params, { moderator: 'none', onChange: load });
    const chosen = ORDERS.some(([v]) => v === params.order) ? params.order : ORDERS[0][0];
    const order = h('select', { id: 'order', name: 'order' },
        ORDERS.map(([v, text]) => h('option', { value: v, selected: v === chosen }, text)));
    form.insertBefore(h('label', { for: 'order' }, 'Order units by', order), form.querySelector('.actions'));
    main.append(form, results);
    if (!(overview.scales || []).length) {
        context.showInfo('No instrument has been administered yet: there is nothing to accumulate.');
        return;
    }
    await load(read());
}

function show(results, a) {
    const byStart = a.order === 'start';
    const steps = (a.steps || []).map((s, i) => ({ ...s, i, label: `+ ${s.added} (${byStart ? s.programmeStart : s.completedIn})` }));
    const last = steps[steps.length - 1] || {};
    results.replaceChildren(h('p', {}, `${steps.length} units added in order; the estimate after the last is `,
        h('span', { class: 'stat', 'data-testid': 'cumulative-last', 'data-value': last.estimate ?? '' }, num(last.estimate, 3)),
        ` ${interval(last.ciLower, last.ciUpper, 3)}.`));
    figure(results, {
        id: 'cumulative',
        title: 'Cumulative forest plot',
        summary: `Pooled estimate with 95 % CI after each of ${steps.length} units, ordered by ${ORDER_PHRASES[a.order] || a.order}.`,
        facts: facts(a),
        suppressed: { units: a.suppressedUnits, minimumCellSize: a.minimumCellSize, byReason: a.withheldUnits },
        height: Math.max(240, steps.length * 20 + 110),
        notes: [...(a.notes || []), ...steps.filter(s => s.estimate == null).map(s => `${s.label}: ${(s.notes || []).join(' ')}`)],
        option: {
            tooltip: { trigger: 'item', formatter: p => `${p.data.row.label}: ${num(p.data.row.estimate, 3)} ${interval(p.data.row.ciLower, p.data.row.ciUpper, 3)}, k = ${p.data.row.k}` },
            grid: { left: 16 + 7.6 * Math.max(8, ...steps.map(s => s.label.length)), right: 24, top: 16, bottom: 48 },
            xAxis: { type: 'value', scale: true, name: `${a.measure}, ${a.from} → ${a.to} (${direction(a.direction)})`, nameLocation: 'middle', nameGap: 30 },
            yAxis: { type: 'category', inverse: true, data: steps.map(s => s.label), axisLabel: { interval: 0 } },
            series: [{
                type: 'custom', name: 'Cumulative estimate (95 % CI)', itemStyle: { color: PALETTE[0] },
                encode: { x: [1, 2, 3], y: 0 },
                data: steps.filter(s => s.estimate != null && s.ciLower != null)
                    .map(s => ({ value: [s.i, s.estimate, s.ciLower, s.ciUpper], row: s })),
                renderItem: (params, api) => {
                    const [x1, y] = api.coord([api.value(2), api.value(0)]);
                    const [x2] = api.coord([api.value(3), api.value(0)]);
                    const [x] = api.coord([api.value(1), api.value(0)]);
                    const band = api.size([0, 1])[1] * 0.3;
                    return {
                        type: 'group', children: [
                            { type: 'line', shape: { x1, y1: y, x2, y2: y }, style: { stroke: PALETTE[0], lineWidth: 1.5 } },
                            { type: 'polygon', shape: { points: [[x - 5, y], [x, y - band], [x + 5, y], [x, y + band]] }, style: { fill: PALETTE[0] } },
                        ],
                    };
                },
                markLine: { silent: true, symbol: 'none', label: { show: false }, lineStyle: { type: 'dashed', color: '#888' }, data: [{ xAxis: 0 }] },
            }],
        },
        table: {
            testid: 'cumulative-table',
            columns: [
                { key: 'label', label: 'Added' },
                { key: 'k', label: 'k', numeric: true },
                { key: 'participants', label: 'n', numeric: true },
                { key: 'estimate', label: 'Estimate', numeric: true, format: r => num(r.estimate, 3) },
                { key: 'ci', label: '95 % CI', numeric: true, format: r => interval(r.ciLower, r.ciUpper, 3) },
                { key: 'tau2', label: 'τ²', numeric: true, format: r => num(r.tau2, 4) },
                { key: 'notes', label: 'Why a figure is blank', format: r => (r.notes || []).join(' ') },
            ],
            rows: steps,
        },
    });
}
