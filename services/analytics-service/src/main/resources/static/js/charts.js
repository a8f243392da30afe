// Figures: an ECharts chart with everything a reader needs to judge it (k, n, measure, estimator,
// direction, log position, suppressed cells), a data table alternative and CSV/SVG/PNG downloads.
import * as echarts from '../webjars/echarts/5.5.0/echarts.esm.min.js';
import { download, h, slug, toCsv } from './format.js';

/** Okabe–Ito: distinguishable with every common colour-vision deficiency. */
export const PALETTE = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000', '#F0E442'];
export const NEUTRAL = '#4d4d4d';

const live = new Set();

window.addEventListener('resize', () => live.forEach(chart => chart.resize()));

/** Disposes the charts of the page being left. */
export function disposeAll() {
    live.forEach(chart => chart.dispose());
    live.clear();
}

const BASE_OPTION = {
    color: PALETTE,
    textStyle: { fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif', color: '#1a1a1a' },
    animation: false,
    backgroundColor: '#ffffff',
};

/**
 * Adds a figure to parent and draws it.
 *
 * spec: { id, title, summary (the chart's accessible description), facts (strings shown under the title),
 *         suppressed ({units, minimumCellSize, byReason}) , notes, option (ECharts), height, table ({columns, rows}),
 *         csv ({columns, rows} when the CSV differs from the table), downloads (extra [{label, action}]) }
 */
export function figure(parent, spec) {
    const titleId = `${spec.id}-title`;
    const chartBox = h('div', {
        class: 'chart', id: `${spec.id}-chart`, role: 'img', tabindex: '0',
        'aria-label': `${spec.title}. ${spec.summary || ''}`.trim(),
        style: `height:${spec.height || 360}px`,
    });
    const table = spec.table ? dataTable(spec.table) : null;
    const csv = spec.csv || spec.table;
    const name = slug(spec.filename || spec.title);
    let chart = null;

    const buttons = h('div', { class: 'downloads', role: 'group', 'aria-label': `Download ${spec.title}` },
        csv ? h('button', { type: 'button', onclick: () => download(`${name}.csv`, toCsv(csv.columns, csv.rows), 'text/csv') },
            'CSV') : null,
        (spec.downloads || []).map(d => h('button', { type: 'button', onclick: d.action }, d.label)),
        h('button', { type: 'button', onclick: () => download(`${name}.svg`, svgOf(chart), 'image/svg+xml') }, 'SVG'),
        h('button', { type: 'button', onclick: async () => download(`${name}.png`, await pngOf(chart), 'image/png') }, 'PNG'));

    const element = h('figure', { class: 'figure', id: spec.id, 'aria-labelledby': titleId },
        h('div', { class: 'figure-head' },
            h('h3', { id: titleId }, spec.title),
            buttons),
        h('p', { class: 'facts', 'data-testid': `${spec.id}-facts` }, (spec.facts || []).join(' · ')),
        spec.suppressed ? suppressedNote(spec.suppressed, spec.id) : null,
        chartBox,
        (spec.notes || []).length ? h('ul', { class: 'notes' }, spec.notes.map(n => h('li', {}, n))) : null,
        table ? h('details', { class: 'table-alternative' },
            h('summary', {}, `Data table: ${spec.title}`), table) : null);
    parent.append(element);

    chart = echarts.init(chartBox, null, { renderer: 'svg' });
    live.add(chart);
    chart.setOption({
        ...BASE_OPTION,
        aria: { enabled: true, label: { description: `${spec.title}. ${spec.summary || ''}` } },
        ...spec.option,
    });
    return { element, chart };
}

/**
 * The units with pairs the answer leaves out, by reason (the API's withheldUnits): below the minimum cell size,
 * hidden by secondary suppression, held back by the data release with nothing published before.
 */
function suppressedNote({ units, minimumCellSize, byReason }, id) {
    const count = units || 0;
    const t = minimumCellSize ?? '?';
    const reasons = byReason
        ? ` (n < ${t}: ${byReason.belowThreshold ?? 0}; hidden so that no difference of visible units reveals fewer `
            + `than ${t}: ${byReason.secondary ?? 0}; held back by the release, not yet published: ${byReason.heldBack ?? 0})`
        : ` (n < ${t})`;
    return h('p', { class: count > 0 ? 'suppressed' : 'suppressed none', role: 'note', 'data-testid': `${id}-suppressed` },
        `${count} ${count === 1 ? 'unit' : 'units'} withheld${reasons}`
        + (count > 0 ? ': not in the plot, table or pooled estimates, so that nothing shown reveals fewer than '
            + `${t} participants.` : ''));
}

/** A plain table; columns: [{key, label, format(row), numeric}] */
export function dataTable({ columns, rows, caption, testid }) {
    return h('table', { class: 'data', 'data-testid': testid },
        caption ? h('caption', {}, caption) : null,
        h('thead', {}, h('tr', {}, columns.map(c => h('th', { scope: 'col', class: c.numeric ? 'num' : '' }, c.label)))),
        h('tbody', {}, rows.map(row => h('tr', { class: row._class || '' },
            columns.map((c, i) => h(i === 0 ? 'th' : 'td',
                { scope: i === 0 ? 'row' : null, class: c.numeric ? 'num' : '' },
                c.format ? c.format(row) : row[c.key] ?? '—'))))));
}

function svgOf(chart) {
    return chart.renderToSVGString();
}

/** Draws the same option once more with ECharts' canvas renderer, at twice the size, for a PNG. */
function pngOf(chart) {
    const box = h('div', { style: `position:absolute;left:-10000px;top:0;width:${chart.getWidth()}px;height:${chart.getHeight()}px` });
    document.body.append(box);
    const raster = echarts.init(box, null, { renderer: 'canvas' });
    try {
        raster.setOption(chart.getOption());
        const image = raster.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#ffffff' });
        // Decoded here rather than fetched: the Content-Security-Policy lets the page connect only to its origin.
        const bytes = Uint8Array.from(atob(image.slice(image.indexOf(',') + 1)), c => c.charCodeAt(0));
        return new Blob([bytes], { type: 'image/png' });
    } finally {
        raster.dispose();
        box.remove();
    }
}
