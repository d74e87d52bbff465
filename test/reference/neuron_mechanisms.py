"""Makes PyNN 0.10.1's NEURON backend importable here: compiles PyNN's NMODL mechanisms once and loads them.

pyNN.neuron loads libnrnmech.so from its package folder (pyNN/neuron/nmodl/x86_64/.libs/), where nrnivmodl has
never been run on this machine. We compile a copy of that folder under /tmp instead of writing into the installed
package, load it, and tell pyNN the package path is already loaded (pyNN skips a path found in
neuron.nrn_dll_loaded). Debian's neuron-dev 8.2.2 (apt-get install neuron-dev) ships nrnivmodl but keeps its
makefile and libnrniv.so under /usr/lib/nrn, where nrnivmodl does not look: NRNHOME_EXEC points it at a folder
of links, and -loadflags adds the library path. Only libnrnmech.so is needed ('special', the nrniv executable
with the mechanisms, fails to link and is not used).
"""
import os
import shutil
import subprocess

import neuron
import pyNN

BUILD = '/tmp/tsnn_pynn_nmodl'
LINKS = '/tmp/tsnn_nrn_exec'
LIBRARY = os.path.join(BUILD, 'x86_64', '.libs', 'libnrnmech.so')
PYNN_NMODL = os.path.join(pyNN.__path__[0], 'neuron', 'nmodl')


def build():
    if os.path.exists(LIBRARY):
        return
    print(f'compiling PyNN NMODL mechanisms: copy of {PYNN_NMODL} in {BUILD}, nrnivmodl (once)')
    shutil.rmtree(BUILD, ignore_errors=True)
    shutil.copytree(PYNN_NMODL, BUILD)
    os.makedirs(os.path.join(LINKS, 'bin'), exist_ok=True)
    for tool in ('/usr/bin/nocmodl', '/usr/bin/modlunit', '/usr/bin/nrniv', '/usr/lib/nrn/nrnmech_makefile'):
        link = os.path.join(LINKS, 'bin', os.path.basename(tool))
        if not os.path.lexists(link):
            os.symlink(tool, link)
    if not os.path.lexists(os.path.join(LINKS, 'lib')):
        os.symlink('/usr/lib/nrn', os.path.join(LINKS, 'lib'))
    # two parallel jobs at most on this shared machine (nrnivmodl says -j 4)
    with open('/usr/bin/nrnivmodl') as f:
        script = f.read().replace('make -j 4', 'make -j 2')
    runner = os.path.join(LINKS, 'nrnivmodl_j2')
    with open(runner, 'w') as f:
        f.write(script)
    os.chmod(runner, 0o755)
    env = dict(os.environ, NRNHOME_EXEC=LINKS)
    subprocess.run([runner, '-loadflags', '-L/usr/lib/nrn -Wl,-rpath,/usr/lib/nrn'], cwd=BUILD, env=env,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    if not os.path.exists(LIBRARY):
        raise RuntimeError(f'nrnivmodl did not produce {LIBRARY}: is neuron-dev installed?')


def load():
    """Returns pyNN.neuron with PyNN's mechanisms loaded from the /tmp build."""
    build()
    neuron.h.nrn_load_dll(LIBRARY)
    neuron.nrn_dll_loaded.append(PYNN_NMODL)
    import pyNN.neuron as sim
    return sim
