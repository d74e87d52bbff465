// What a population hands its model's per-cell step, as plain pointers and values: the arguments of
// lif_updates.h, conductance_updates.h, izhikevich_update.h, adex_update.h, hh_update.h, gsfa_grr_update.h,
// gif_update.h and point_neuron_update.h, and of the spike sources' draws (spike_sources.h).
// NeuronPopulation::cellSteps fills the members its model uses, with every array pointer translated to where a copy
// of that array lives, so an engine that keeps the population's arrays elsewhere runs the very same steps on the
// very same constants (the CUDA engine, gpu-server/cuda/step_kernels.h). Plain structs: nvcc compiles this as C++14.
#pragma once

#include "tsnn/models/adex_update.h"
#include "tsnn/models/conductance_updates.h"
#include "tsnn/models/gif_update.h"
#include "tsnn/models/gsfa_grr_update.h"
#include "tsnn/models/hh_update.h"
#include "tsnn/models/izhikevich_update.h"
#include "tsnn/models/lif_updates.h"
#include "tsnn/models/point_neuron_update.h"
#include "tsnn/models/spike_sources.h"
#include "tsnn/random/random_stream.h"

#include "tsnn/engine/array_ref.h"

namespace tsnn {

// SpikeSourcePoisson: lambda = rate·dt/1000 and e^-lambda per cell, the active window, the source stream.
struct PoissonCells {
  const double* lambda;
  const double* emptyProbability;
  const double* start;
  const double* duration;
  RandomStream stream;
};

struct CellSteps {
  LifCurrCells lif;
  CondCells cond;  // also the membrane of IF_cond_exp_gsfa_grr and GIF_cond_exp
  IzhikevichCells izhikevich;
  AdexCells adex;
  HhCells hh;
  GsfaGrrExtra gsfaGrr;
  GifExtra gif;
  PoissonCells poisson;
  RenewalCells renewal;  // SpikeSourcePoissonRefractory, SpikeSourceGamma
  InhGammaCells inhGamma;
  // PointNeuron (pointLifStep, or pointAdexStep when pointAdExp). point.receptors is an array of structs whose own
  // pointers are translated, but which itself stays in host memory (receptorCount entries, owned by the
  // population): an engine copies it next to the other arrays and points point.receptors at the copy.
  PointCells point;
  bool pointAdExp;
};

}  // namespace tsnn
