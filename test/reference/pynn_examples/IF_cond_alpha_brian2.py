"""PyNN example IF_cond_alpha.py on PyNN 0.10.1 + Brian2, and its accurate solution: one IF_cond_alpha cell (i_offset 0.1 nA,
tau_refrac 3 ms, v_thresh -51 mV, tau_syn_E 2 ms, tau_syn_I 5 ms, v_reset -70 mV, e_rev_E 0, e_rev_I -80 mV),
excitatory spikes at 5, 15, ..., 95 ms (weight 0.006 uS, delay 2 ms) and inhibitory spikes at 155, ..., 245 ms
(0.02 uS, delay 4 ms), dt 0.1 ms, min_delay 0.1, max_delay 4, 200 ms.
Changes: the example's old API (create(cls, dict), connect(..., synapse_type=...), record(vars, cell, file)) is
written for PyNN 0.10.1 (create(cls(**params)), receptor_type, Population.record); spikes are recorded too.
Brian2 got tau_refrac + dt and source times - dt (examples_cells_common: NEST's step convention).
The truth for tsnn is the accurate solution ('accurate', examples_more_cells_common.if_cond_accurate): Brian2
integrates IF_cond_alpha by forward Euler; its distance from the accurate solution is stored
('brian2_vs_accurate_max_abs_v') and the test compares tsnn with Brian2 within it plus a margin."""
from examples_more_cells_common import if_cond_example

if_cond_example('IF_cond_alpha')
