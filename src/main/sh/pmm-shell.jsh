// Started by ./pmm shell: what a model needs, imported.
import static org.pmm.Pmm.*;
import org.nd4j.linalg.factory.Nd4j;
import org.pmm.distributions.*;
import org.pmm.distributions.constraints.Constraints;
import org.pmm.handlers.*;
import org.pmm.infer.*;
import org.pmm.infer.autoguide.*;
import org.pmm.optim.*;
import org.pmm.params.ParamStore;
import org.pmm.tensor.Tensor;
import java.util.function.*;
