"""Maps Brian2's step schedule (as used by PyNN 0.10.1's brian2 backend) onto the NEST/PyNN convention.

Brian2 runs each step k (t_k = k*dt) as: 'start' (PyNN updates injected currents) -> 'groups' (integrate
t_k -> t_k+1) -> 'thresholds' (spike if v(t_k+1) > v_thresh, *reported at t_k*) -> 'synapses' (events due at
t_k are applied) -> 'resets' -> 'end' (PyNN's StateMonitor records the state as the sample at t_k+1).
Refractoriness: integration is suppressed while round((t - t_spike)/dt) < round(tau_refrac/dt).

NEST (and tsnn, DESIGN.md decision 4) for the step producing sample t_k+1: integrate, then add the events due
at t_k+1, then the threshold test; a spike is reported at t_k+1; v stays at v_reset for round(tau_refrac/dt)
steps after the spike sample. A spike emitted at time t with delay d is added to the state at sample t + d.

So, for the same equations, Brian2 differs from NEST by exactly one step in three places:
1. a spike is reported one step earlier           -> add dt to Brian2's spike times;
2. an input spike at t with delay d lands one sample later (t + d + dt) -> give Brian2 the source times t - dt;
3. one refractory step fewer                      -> give Brian2 tau_refrac + dt.
With these, Brian2's recorded traces are, sample for sample, what a NEST-convention simulator records.
Checked by test/reference/check_brian2_timing.py on IF_curr_delta, where every one of these is visible.

One difference remains and is covered by the spike-time tolerance: Brian2 tests the threshold before it applies
an arriving jump (IF_curr_delta, Izhikevich), so a spike caused directly by a jump is reported one step later
than NEST would, and in Brian2 a jump that arrives during the refractory period is not discarded.
"""

ADJUSTMENTS_TEXT = ('Brian2 ran with SpikeSourceArray times - dt and tau_refrac + dt; stored spike times are '
                    "Brian2's + dt. This reproduces the NEST/PyNN step convention exactly (see "
                    'test/reference/brian2_timing.py); spikes caused directly by a voltage jump may still be '
                    'one step late.')


def brian2_source_times(times, dt):
    return [round(t - dt, 10) for t in times]


def brian2_tau_refrac(tau_refrac, dt):
    return round(tau_refrac + dt, 10)


def nest_spike_times(brian2_times, dt):
    return [round(t + dt, 10) for t in brian2_times]
