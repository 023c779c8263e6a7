// A series' incidents in the chart's window, each with its webhook deliveries when the API reports them.
import { count } from '@suite/console/web/count.ts';
import type { Incident } from './types.ts';

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : '–');

export function IncidentsTable({ incidents, webhook }: { incidents: Incident[]; webhook: string | null }) {
  const hasDeliveries = incidents.some((i) => Array.isArray(i.deliveries));
  return (
    <section class="panel" aria-labelledby="incidents-heading">
      <h2 id="incidents-heading">Incidents</h2>
      <p class="muted">
        Webhook: {webhook ?? 'none set (PUT /api/series/{id}/webhook with the admin key)'}
        {incidents.length > 0 &&
          !hasDeliveries &&
          webhook &&
          ' · this version of the API does not report deliveries'}
      </p>
      {incidents.length === 0 ? (
        <p class="muted">No incident in this window.</p>
      ) : (
        // The order is said above the table, not in a caption: a caption is as wide as its table, so on a phone
        // it was centred past the panel's edge ("Oldest firs").
        <>
          <p class="muted" id="incidents-order">
            Oldest first
          </p>
          {/* Stacked on a phone (base.css) as the versions table is: at 390 px its columns scrolled sideways. */}
          <table class="stacked" aria-describedby="incidents-order">
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">Status</th>
                <th scope="col">Opened</th>
                <th scope="col">Last anomaly</th>
                <th scope="col">Closed</th>
                <th scope="col">Anomalies</th>
                <th scope="col">Peak score</th>
                {hasDeliveries && <th scope="col">Webhook deliveries</th>}
              </tr>
            </thead>
            <tbody>
              {incidents.map((i) => (
                <tr key={i.id}>
                  <td class="inline">{i.id}</td>
                  <td class="inline">
                    <span class={i.status === 'open' ? 'badge bad' : 'badge'}>{i.status}</span>
                  </td>
                  <td data-label="Opened">{when(i.openedAt)}</td>
                  <td data-label="Last anomaly">{when(i.lastAnomalyAt)}</td>
                  <td data-label="Closed">{when(i.closedAt)}</td>
                  <td data-label="Anomalies">{i.anomalies}</td>
                  <td data-label="Peak score">{i.peakScore.toFixed(3)}</td>
                  {hasDeliveries && (
                    <td data-label="Webhook deliveries">
                      {i.deliveries?.length === 0 && <span class="muted">none</span>}
                      {(i.deliveries ?? []).map((d, n) => (
                        <div key={n}>
                          {d.type ?? 'alert'}: {d.status}
                          {d.attempts !== undefined ? ` after ${count(d.attempts, 'attempt')}` : ''}
                          {d.lastError ? ` (${d.lastError})` : ''}
                        </div>
                      ))}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
