// Loads a page's answer into its results section and renders it. Only the newest request's answer is
// shown: a slower answer to an earlier request (the user changed the query meanwhile) is dropped, so the
// page never shows results for a query that is no longer on screen.
import { setSource } from './charts.js';
import { h } from './format.js';

/**
 * A loader for one results section.
 *
 * options.route    the page's route, remembered with the query so a reload shows the same
 * options.busy     what the section says while it waits ('Computing…')
 * options.fetch    query → promise of the answer
 * options.show     (results, answer, query) → renders the answer into the section
 * options.announce answer → the sentence screen readers hear when the results change
 *
 * Returns load(query): resolves when the newest request has been shown or refused.
 */
export function resultsLoader(results, context, options) {
    let latest = 0;
    return async function load(query) {
        const current = ++latest;
        context.remember(options.route, query);
        results.setAttribute('aria-busy', 'true');
        results.replaceChildren(h('p', { class: 'loading' }, options.busy));
        try {
            const answer = await options.fetch(query);
            if (current !== latest) {
                return;
            }
            context.clearMessage();
            setSource(answer?.release);
            options.show(results, answer, query);
            context.announce(options.announce(answer));
        } catch (error) {
            if (current === latest) {
                results.replaceChildren();
                context.showError(error);
            }
        } finally {
            if (current === latest) {
                results.removeAttribute('aria-busy');
            }
        }
    };
}
