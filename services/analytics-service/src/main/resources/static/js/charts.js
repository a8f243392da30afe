// Figures: an ECharts chart with everything a reader needs to judge it (k, n, measure, estimator,
// direction, release and log position, suppressed cells), a data table alternative and CSV/SVG/PNG downloads,
// each of which names the release the figure comes from.
import * as echarts from '../webjars/echarts/5.5.0/echarts.esm.min.js';
import { ApiError } from './api.js';
import { download, h, slug, sourceLine, toCsv } from './format.js';

/** Okabe–Ito: distinguishable with every common colour-vision deficiency. */
export const PALETTE = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000', '#F0E442'];
export const NEUTRAL = '#4d4d4d';

const live = new Set();
let currentSource = null;

/** The release object of the answer whose figures are drawn next (set as each answer arrives). */
export function setSource(release) {
    currentSource = release || null;
}

const CAPTION_HEIGHT = 28;

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
 * A 95 % confidence band under a fitted line: one polygon through every point's upper end and back along the
 * lower ends. points: [{x, lower, upper}] in the order of x.
 */
export function bandSeries(points, color = PALETTE[0]) {
    return {
        type: 'custom', name: '95 % confidence band', silent: true,
        data: points.map(p => [p.x, p.lower, p.upper]),
        encode: { x: 0, y: [1, 2] },
        renderItem: (params, api) => {
            if (params.dataIndex !== 0) {
                return null;
            }
            const upper = points.map(p => api.coord([p.x, p.upper]));
            const lower = points.map(p => api.coord([p.x, p.lower])).reverse();
            return { type: 'polygon', shape: { points: [...upper, ...lower] }, style: { fill: color, opacity: 0.18 } };
        },
        itemStyle: { color, opacity: 0.3 },
    };
}

/**
 * Adds a figure to parent and draws it.
 *
 * spec: { id, title, summary (the chart's accessible description), facts (strings shown under the title),
 *         source (the answer's release object; by default the one of the answer last set with setSource),
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
    const source = spec.source || currentSource;
    const caption = `${spec.title} · ${sourceLine(source)}`;
    let chart = null;

    // A download the service refuses (a bundle whose statistics would single out a participant, say) says why.
    const refused = h('p', { class: 'download-refused', role: 'alert', 'data-testid': `${spec.id}-download-refused`, hidden: true });
    const explained = action => async () => {
        refused.hidden = true;
        try {
            await action();
        } catch (error) {
            refused.textContent = error instanceof ApiError ? error.describe() : `The download failed: ${error.message}`;
            refused.hidden = false;
        }
    };
    const buttons = h('div', { class: 'downloads', role: 'group', 'aria-label': `Download ${spec.title}` },
        csv ? h('button', { type: 'button', onclick: () => download(`${name}.csv`, toCsv(sourced(csv.columns, source), csv.rows), 'text/csv') },
            'CSV') : null,
        (spec.downloads || []).map(d => h('button', { type: 'button', onclick: explained(d.action) }, d.label)),
        h('button', { type: 'button', onclick: () => download(`${name}.svg`, svgOf(chart, caption), 'image/svg+xml') }, 'SVG'),
        h('button', { type: 'button', onclick: async () => download(`${name}.png`, await pngOf(chart, caption), 'image/png') }, 'PNG'));

    const element = h('figure', { class: 'figure', id: spec.id, 'aria-labelledby': titleId },
        h('div', { class: 'figure-head' },
            h('h3', { id: titleId }, spec.title),
            buttons),
        refused,
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

/**
 * The CSV's columns and two more that say where every row comes from, as the API's effect-sizes.csv does:
 * release (the release's name, or live) and releaseCutAt. R's read.csv takes no comment line, so it is said
 * in columns.
 */
function sourced(columns, source) {
    if (!source) {
        return columns;
    }
    return [...columns,
        { key: 'release', label: 'release', csv: () => (source.live ? 'live' : source.name) },
        { key: 'releaseCutAt', label: 'releaseCutAt', csv: () => (source.live ? null : source.cutAt) }];
}

/**
 * Draws the chart's option once more, off screen, with the caption (title, release, log position) below the
 * plot, so that a saved image says what it shows and where it comes from.
 */
function captioned(chart, caption, renderer, draw) {
    const box = h('div', {
        style: `position:absolute;left:-10000px;top:0;width:${chart.getWidth()}px;height:${chart.getHeight() + CAPTION_HEIGHT}px`,
    });
    document.body.append(box);
    const copy = echarts.init(box, null, { renderer });
    try {
        const option = chart.getOption();
        copy.setOption(option);
        copy.setOption({
            grid: (option.grid || []).map(g => ({ bottom: (typeof g.bottom === 'number' ? g.bottom : 60) + CAPTION_HEIGHT })),
            graphic: [{
                id: 'release-caption', type: 'text', left: 8, bottom: 8, silent: true,
                style: { text: caption, fontSize: 11, fill: NEUTRAL },
            }],
        });
        return draw(copy);
    } finally {
        copy.dispose();
        box.remove();
    }
}

function svgOf(chart, caption) {
    return captioned(chart, caption, 'svg', copy => copy.renderToSVGString());
}

/** The captioned chart with ECharts' canvas renderer, at twice the size, for a PNG. */
function pngOf(chart, caption) {
    return captioned(chart, caption, 'canvas', raster => {
        const image = raster.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#ffffff' });
        // Decoded here rather than fetched: the Content-Security-Policy lets the page connect only to its origin.
        const bytes = Uint8Array.from(atob(image.slice(image.indexOf(',') + 1)), c => c.charCodeAt(0));
        return new Blob([bytes], { type: 'image/png' });
    });
}
