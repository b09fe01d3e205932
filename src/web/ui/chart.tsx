import { useEffect, useRef, useState } from 'react';
import type { EChartsCoreOption, EChartsType } from 'echarts/core';

const reducedMotion = (): boolean => window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;

/**
 * An echarts chart, loaded on first use. The canvas is described for assistive tech by
 * `label` (role=img); animation is off when the user (or a test) prefers reduced motion.
 */
export const Chart = ({ option, label, height = 200 }: { option: EChartsCoreOption; label: string; height?: number }) => {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);
  const [ready, setReady] = useState(false);

  useEffect(() => {
    let disposed = false;
    let observer: ResizeObserver | undefined;
    void import('./echarts-setup.ts').then(({ init }) => {
      if (disposed || !box.current) return;
      chart.current = init(box.current, undefined, { renderer: 'canvas' });
      observer = new ResizeObserver(() => chart.current?.resize());
      observer.observe(box.current);
      setReady(true);
    });
    return () => {
      disposed = true;
      observer?.disconnect();
      chart.current?.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    if (ready) chart.current?.setOption({ ...option, animation: !reducedMotion() }, { notMerge: true });
  }, [ready, option]);

  return <div ref={box} className="chart" role="img" aria-label={label} data-ready={ready || undefined} style={{ height }} />;
};
