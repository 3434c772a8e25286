// The ECharts build inlined in the cxbench HTML report: only the charts
// and components reports/charts.go uses (see reports/VENDOR.md).
import { use, init, getInstanceByDom, dispose, version } from 'echarts/core';
import { BarChart, LineChart, HeatmapChart } from 'echarts/charts';
import {
  GridComponent,
  PolarComponent,
  TooltipComponent,
  LegendPlainComponent,
  VisualMapContinuousComponent
} from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

use([
  BarChart, LineChart, HeatmapChart,
  GridComponent, PolarComponent, TooltipComponent, LegendPlainComponent, VisualMapContinuousComponent,
  CanvasRenderer
]);

export { init, getInstanceByDom, dispose, version };
