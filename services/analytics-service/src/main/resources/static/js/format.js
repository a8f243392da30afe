// Small helpers shared by the pages: DOM building, number formatting, CSV and file downloads.

/** Creates an element; attributes starting with "on" become listeners, children may be strings. */
export function h(tag, attributes = {}, ...children) {
    const element = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) {
        if (value === undefined || value === null || value === false) {
            continue;
        }
        if (name.startsWith('on') && typeof value === 'function') {
            element.addEventListener(name.slice(2).toLowerCase(), value);
        } else if (name === 'class') {
            element.className = value;
        } else if (name === 'style') {
            // Through the CSS object model: the Content-Security-Policy refuses inline style attributes.
            element.style.cssText = value;
        } else {
            element.setAttribute(name, value === true ? '' : value);
        }
    }
    for (const child of children.flat(Infinity)) {
        if (child !== undefined && child !== null && child !== false) {
            element.append(child instanceof Node ? child : String(child));
        }
    }
    return element;
}

/** A number for people: fixed decimals, "—" when undefined (the API sends null, never NaN). */
export function num(value, decimals = 2) {
    if (value === null || value === undefined || Number.isNaN(value)) {
        return '—';
    }
    return Number(value).toFixed(decimals);
}

export function pValue(p) {
    if (p === null || p === undefined) {
        return '—';
    }
    return p < 0.0001 ? '< .0001' : Number(p).toFixed(4);
}

export function percent(value, decimals = 1) {
    return value === null || value === undefined ? '—' : `${(value * 100).toFixed(decimals)} %`;
}

export function interval(lower, upper, decimals = 2) {
    return `[${num(lower, decimals)}, ${num(upper, decimals)}]`;
}

export const DIRECTION_TEXT = {
    HIGHER_IS_BETTER: 'higher scores are better',
    LOWER_IS_BETTER: 'lower scores are better',
};

export function direction(value) {
    return DIRECTION_TEXT[value] || (value ? value.toLowerCase().replaceAll('_', ' ') : 'direction unknown');
}

/** A time as people read it, in UTC: 2026-11-30 08:00 UTC. */
export function instant(value) {
    return value ? `${String(value).slice(0, 16).replace('T', ' ')} UTC` : '—';
}

/** What an answer comes from (its release object): a data release with its cut time, or a school's live view. */
export function releaseText(release) {
    if (!release) {
        return 'source not stated';
    }
    return release.live ? 'live view of your own institution (not a data release)'
        : `data release ${release.name}, cut ${instant(release.cutAt)}`;
}

export function positionText(logPosition) {
    const parts = Object.entries(logPosition || {})
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([partition, offset]) => `${partition} @ ${offset}`);
    return parts.length ? parts.join(', ') : 'no events read yet';
}

/** Everything an answer was read from: its release (or live view), log position and generation. */
export function logPosition(answer) {
    return `${releaseText(answer?.release)}; log position ${positionText(answer?.logPosition)}; `
        + `generation ${answer?.generation ?? '—'}`;
}

/** The same in one line for a download's caption or column. */
export function sourceLine(release) {
    return release ? `${releaseText(release)}; log position ${positionText(release.logPosition)}` : '';
}

function csvCell(value) {
    if (value === null || value === undefined) {
        return 'NA';
    }
    const text = String(value);
    return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** CSV that R's read.csv loads: a header line, NA for missing values. */
export function toCsv(columns, rows) {
    const lines = [columns.map(c => csvCell(c.label ?? c.key)).join(',')];
    for (const row of rows) {
        lines.push(columns.map(c => csvCell(c.csv ? c.csv(row) : row[c.key])).join(','));
    }
    return lines.join('\n') + '\n';
}

export function download(filename, content, type) {
    const blob = content instanceof Blob ? content : new Blob([content], { type });
    const link = h('a', { href: URL.createObjectURL(blob), download: filename });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10000);
}

export function slug(text) {
    return String(text).toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}
